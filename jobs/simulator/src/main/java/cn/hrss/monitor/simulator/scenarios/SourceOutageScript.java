package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.config.Scenario;

/**
 * source-outage: a city sends nothing during the span. What happened there meanwhile is delivered when it resumes,
 * stamped with the resumption time (the source records it then), so nothing arrives too late.
 */
final class SourceOutageScript extends ScenarioScript {

    SourceOutageScript(SimContext ctx, int city) {
        super(Scenario.SOURCE_OUTAGE, ctx, city);
    }

    @Override
    Injected inject(long at, long span) {
        ctx.outage.silence(city, at, at + span);
        return new Injected(pop.cityCode[city], 0, "every source in the city is silent, then resumes");
    }
}
