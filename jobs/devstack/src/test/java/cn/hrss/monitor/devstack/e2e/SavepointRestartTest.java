package cn.hrss.monitor.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import cn.hrss.monitor.simulator.EventGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * Issue 5: the job stopped with a savepoint part-way (as an operator does for an upgrade), then redeployed from it
 * with a changed threshold. Proves that state is carried over — windows spanning the restart count events from
 * both sides exactly — that open alerts continue rather than start again, and that the new threshold is in force
 * afterwards.
 */
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "counts every record of the input topics, which must hold this run's records only")
class SavepointRestartTest {
    private static final int RECORDS = 100_000;

    /**
     * A backfill stopped with a savepoint at about half of its input and resumed from it: the savepoint keeps where
     * each partition is and where the backfill ends, so the resumed job finishes the same input.
     */
    @Test
    void aJobRestoredFromASavepointWithANewThresholdCarriesItsStateOver() throws Exception {
        try (ClusterRun run = ClusterRun.start("savepoint", Map.of())) {
            run.send(new EventGenerator(ClusterRun.SIMULATION), RECORDS);
            String first = run.submit();
            // Early: the job goes on reading while the savepoint is taken (and retried if declined).
            run.awaitAccounted(RECORDS / 20, "a twentieth of the records processed");
            String savepoint = run.cluster.stopWithSavepoint(first);
            long accountedBefore = run.accounted();
            long lastEventBefore = run.stack.clickHouse().queryLong(
                    "SELECT max(occurred_at_ms) FROM " + run.stack.table("events") + " FINAL");

            Path rules = tunedCatalog(run.stack.workDir());
            Path config = run.stack.writeConfig("job-v2.properties", Map.of("kafka.bounded", "true",
                    "flink.checkpoint-interval", "2s", "rules.dir", rules.toString()));
            String second = run.cluster.submitFromSavepoint(savepoint, run.jobJar, config.toString());
            // A bounded Kafka source restored from a savepoint reads to its end but does not finish (its enumerator
            // does not tell the readers again that no more splits come), so the backfill is ended as an operator
            // ends a job for good: drained, which fires every window and timer.
            run.awaitAccounted(RECORDS, "every record processed after the restore");
            run.cluster.drain(second);
            run.awaitState(second, "FINISHED");

            ClusterRun.log("savepoint after {} of {} records; resumed with mass_layoff v2", accountedBefore, RECORDS);
            assertThat(accountedBefore).as("stopped mid-way").isLessThan(RECORDS);
            run.assertEveryRecordAccountedForOnce();
            run.assertIndicatorsMatchTheAcceptedEvents();
            long staleAfterRestart = run.stack.clickHouse().queryLong("SELECT count() FROM "
                    + run.stack.table("alert_events") + " FINAL WHERE rule_id = 'mass_layoff' AND rule_version != 2"
                    + " AND updated_at > toDateTime(" + lastEventBefore / 1000 + ")");
            assertThat(staleAfterRestart).as("mass_layoff transitions after the restart under the old threshold")
                    .isZero();
            run.assertEachAlertOnce();
        }
    }

    /** A copy of alerts/ whose mass_layoff rule is version 2 with a lower employer threshold (20 → 12 persons). */
    private static Path tunedCatalog(Path workDir) throws Exception {
        Path source = ClickHouseConf.directory().getParent().getParent().resolve("alerts");
        Path copy = workDir.resolve("tuned").resolve("alerts");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path massLayoff = copy.resolve("rules/mass_layoff.yaml");
        String yaml = Files.readString(massLayoff);
        String tuned = yaml.replace("version: 1", "version: 2").replace("employerPersons: 20", "employerPersons: 12");
        assertThat(tuned).isNotEqualTo(yaml);
        Files.writeString(massLayoff, tuned);
        return copy.resolve("rules");
    }
}
