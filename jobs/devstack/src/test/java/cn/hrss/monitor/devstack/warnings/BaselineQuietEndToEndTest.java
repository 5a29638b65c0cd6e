package cn.hrss.monitor.devstack.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * Issue 3 end to end: normal traffic is quiet. Two simulated months with no scenario and no bad input, replayed
 * through the job on real Kafka and ClickHouse, raise no alert of any rule (data_absence aside: it watches wall-clock
 * silence, which a bounded replay does not reproduce).
 */
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "the input topics must hold this run's records only")
class BaselineQuietEndToEndTest {
    private static final Duration SPAN = Duration.ofDays(60);
    private static final SimulatorConfig SIMULATION = SimulatorConfig.defaults()
            .withScenarios(Set.of())
            .withBadInput(0, 0, 0)
            .withStart(SimulatedReplay.firstOfMonthAtLeast(Duration.ofDays(70)))
            .withClock(1000, 43_200)
            .withRunLength(SPAN);

    private static SimulatedReplay replay;

    @BeforeAll
    static void replayBaseline() throws Exception {
        replay = SimulatedReplay.run(Path.of("target", "warnings-e2e", "baseline").toAbsolutePath(),
                "hrss_baseline_" + System.currentTimeMillis(), SIMULATION, SPAN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (replay != null) {
            replay.close();
        }
    }

    /** Quiet only means something if the traffic went through: every record accepted, indicators written. */
    @Test
    void theJobProcessedTheWholeBaseline() throws Exception {
        var ch = replay.stack().clickHouse();
        String db = replay.database();

        assertThat(ch.queryLong("SELECT count() FROM " + db + ".events FINAL")).as("accepted events")
                .isEqualTo(replay.records());
        assertThat(ch.queryLong("SELECT count() FROM " + db + ".indicators WHERE period = 'month'"))
                .as("month indicator rows").isPositive();
    }

    @Test
    void noRuleRaisesAnAlertOnBaselineTraffic() throws Exception {
        List<StoredAlert> falsePositives = StoredAlert.read(replay.stack().clickHouse(), replay.database(),
                "rule_id != '" + StoredAlert.DATA_ABSENCE + "'");

        assertThat(falsePositives)
                .as("false positives in a baseline run of %d simulated days from %s (%d records, no scenario, no bad"
                                + " input): %d alerts, by rule %s, namely %s",
                        SPAN.toDays(), replay.start(), replay.records(), falsePositives.size(),
                        falsePositives.stream().collect(Collectors.groupingBy(StoredAlert::ruleId, Collectors.counting())),
                        falsePositives.stream().map(StoredAlert::describe).toList())
                .isEmpty();
    }
}
