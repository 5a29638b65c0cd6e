package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.simulator.config.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the generator injected, where and when: what a test expects the alerts to point at. No personal data. */
public final class ScenarioLog {

    /**
     * @param regionCode the region the alert should be scoped to: a county (unemployment-surge, the laid-off
     *     employer's county for mass-layoff) or a city (the others)
     * @param employerUscc the employer for mass-layoff, else {@code null}
     * @param from simulated start of the anomaly
     * @param to simulated end of the anomaly (fund-imbalance: the end of the configured run)
     * @param affected how many persons (or, for source-outage, 0) the scenario involves
     * @param description what was done, in English
     */
    public record Entry(Scenario scenario, String regionCode, String employerUscc, Instant from, Instant to,
                        int affected, String description) {}

    private final List<Entry> entries = new ArrayList<>();

    void add(Entry entry) {
        entries.add(entry);
    }

    /** @return the scenarios injected so far, in injection order */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Optional<Entry> find(Scenario scenario) {
        return entries.stream().filter(e -> e.scenario() == scenario).findFirst();
    }
}
