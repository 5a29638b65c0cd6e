package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.config.Scenario;

/**
 * fund-imbalance: from its start to the end of the configured run, 90% of the enterprise pension (110) contributions of a
 * city's whole province do not come in and its 110 pensions are paid twice over, so the province's 110 outflow exceeds
 * its income every month and months payable falls.
 */
final class FundImbalanceScript extends ScenarioScript {

    FundImbalanceScript(SimContext ctx, int city) {
        super(Scenario.FUND_IMBALANCE, ctx, city);
    }

    @Override
    Injected inject(long at, long span) {
        String province = pop.cityCode[city].substring(0, 2);
        ctx.putInDeficit(province, at, at + span);
        return new Injected(province + "0000", 0,
                "in the whole province, 110 contributions fall by 90% and 110 pension payouts double");
    }
}
