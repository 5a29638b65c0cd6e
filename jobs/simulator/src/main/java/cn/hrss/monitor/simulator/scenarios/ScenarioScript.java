package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.population.Population;
import java.time.Instant;

/**
 * One injected anomaly. Chooses its region (and employer, persons) when built, so the choice depends only on the
 * seed; {@link #start} runs at the scenario's simulated start, schedules its events and reports them for the log.
 * A script only says what is particular to it: its choices in the constructor, its events in {@link #inject}.
 */
abstract class ScenarioScript {
    /** What a started script reports: where to look for the anomaly, how many persons it involves, and what it did. */
    record Injected(String regionCode, String employerUscc, int affected, String description) {
        Injected(String regionCode, int affected, String description) {
            this(regionCode, null, affected, description);
        }
    }

    private final Scenario scenario;
    final SimContext ctx;
    final Population pop;
    /** The city the scenario happens in (scenarios use distinct cities). */
    final int city;

    ScenarioScript(Scenario scenario, SimContext ctx, int city) {
        this.scenario = scenario;
        this.ctx = ctx;
        this.pop = ctx.population;
        this.city = city;
    }

    final Scenario scenario() {
        return scenario;
    }

    /** @return the log entry of the anomaly, which runs in [at, at + span) */
    final ScenarioLog.Entry start(long at, long span) {
        Injected injected = inject(at, span);
        return new ScenarioLog.Entry(scenario, injected.regionCode(), injected.employerUscc(), Instant.ofEpochMilli(at),
                Instant.ofEpochMilli(at + span), injected.affected(), injected.description());
    }

    /** Schedules the anomaly's events, or changes the world, for [at, at + span). */
    abstract Injected inject(long at, long span);
}
