package cn.hrss.monitor.simulator;

/**
 * One injected anomaly. Chooses its region (and employer, persons) when built, so the choice depends only on the
 * seed; {@link #start} runs at the scenario's simulated start and schedules its events.
 */
interface ScenarioScript {
    Scenario scenario();

    /** @return the city the scenario happens in (scenarios use distinct cities) */
    int city();

    void start(long at, long span);
}
