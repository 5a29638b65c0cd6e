package cn.hrss.monitor.simulator;

import java.time.Instant;

/**
 * source-outage: a city sends nothing during the span. What happened there meanwhile is delivered when it resumes,
 * stamped with the resumption time (the source records it then), so nothing arrives too late.
 */
final class SourceOutageScript implements ScenarioScript {
    private final SimContext ctx;
    private final int city;

    SourceOutageScript(SimContext ctx, int city) {
        this.ctx = ctx;
        this.city = city;
    }

    @Override
    public Scenario scenario() {
        return Scenario.SOURCE_OUTAGE;
    }

    @Override
    public int city() {
        return city;
    }

    @Override
    public void start(long at, long span) {
        ctx.outageCity = city;
        ctx.outageFrom = at;
        ctx.outageTo = at + span;
        ctx.log.add(new ScenarioLog.Entry(scenario(), ctx.population.cityCode[city], null, Instant.ofEpochMilli(at),
                Instant.ofEpochMilli(at + span), 0, "every source in the city is silent, then resumes"));
    }
}
