package cn.hrss.monitor.simulator;

import java.time.Instant;

/**
 * fund-imbalance: from its start to the end of the configured run, 90% of the enterprise pension (110) contributions of a
 * city's whole province do not come in and its 110 pensions are paid twice over, so the province's 110 outflow exceeds
 * its income every month and months payable falls.
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
                "in the whole province, 110 contributions fall by 90% and 110 pension payouts double"));
    }
}
