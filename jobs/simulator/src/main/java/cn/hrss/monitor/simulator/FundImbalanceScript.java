package cn.hrss.monitor.simulator;

import java.time.Instant;

/**
 * fund-imbalance: from its start to the end of the configured run, most of a city's enterprise pension (110) contributions do
 * not come in and its 110 pensions are paid 60% higher, so the city's 110 outflow exceeds its income every month.
 */
final class FundImbalanceScript implements ScenarioScript {
    private final SimContext ctx;
    private final int city;

    FundImbalanceScript(SimContext ctx, int city) {
        this.ctx = ctx;
        this.city = city;
    }

    @Override
    public Scenario scenario() {
        return Scenario.FUND_IMBALANCE;
    }

    @Override
    public int city() {
        return city;
    }

    @Override
    public void start(long at, long span) {
        ctx.deficitProvince = ctx.population.cityCode[city].substring(0, 2);
        ctx.deficitFrom = at;
        ctx.deficitTo = at + span;
        ctx.log.add(new ScenarioLog.Entry(scenario(), ctx.deficitProvince + "0000", null, Instant.ofEpochMilli(at),
                Instant.ofEpochMilli(at + span), 0,
                "in the whole province, 110 contributions fall by 80% and 110 pension payouts rise by 60%"));
    }
}
