package cn.hrss.monitor.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.simulator.EventGenerator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * Issue 5: the job's neighbours fail while it runs on the standalone cluster. Each test proves that afterwards
 * nothing is lost, doubled or invented (every record accounted for once, indicators equal to the independent
 * computation, alerts those of an undisturbed run).
 */
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "restarts the Kafka broker and counts every record of the input topics")
@DisabledIfEnvironmentVariable(named = "HRSS_CLICKHOUSE_URL", matches = ".+",
        disabledReason = "stops and restarts the ClickHouse server")
class OutageFailureTest {
    private static final int RECORDS = 40_000;
    private static final Duration CLICKHOUSE_OUTAGE = Duration.ofSeconds(60);

    /**
     * ClickHouse stopped for 60 s at a fifth of the input: the sinks retry with backoff and hold the stream back (the
     * job neither fails over nor drops rows), and once ClickHouse is back everything arrives once.
     */
    @Test
    void aClickHouseOutageHoldsTheStreamBackAndLosesNothing() throws Exception {
        try (ClusterRun run = ClusterRun.start("clickhouse_outage", Map.of())) {
            run.send(new EventGenerator(ClusterRun.SIMULATION), RECORDS);
            String job = run.submit();
            run.awaitAccounted(RECORDS / 5, "a fifth of the records processed");

            run.stack.stopClickHouse();
            long end = System.nanoTime() + CLICKHOUSE_OUTAGE.toNanos();
            while (System.nanoTime() < end) {
                assertThat(run.jobState(job)).as("the job during the outage").isEqualTo("RUNNING");
                Thread.sleep(1_000);
            }
            run.stack.startClickHouse();

            run.awaitState(job, "FINISHED");
            assertThat(run.restarts(job)).as("failovers: the sinks waited instead").isZero();
            run.assertEveryRecordAccountedForOnce();
            run.assertIndicatorsMatchTheAcceptedEvents();
            run.assertAlertsAsUndisturbed();
        }
    }

    /** The Kafka broker restarted (10 s down) at a third of the input: sources and sinks reconnect, nothing lost. */
    @Test
    void aKafkaBrokerRestartLosesAndDoublesNothing() throws Exception {
        try (ClusterRun run = ClusterRun.start("kafka_restart", Map.of())) {
            run.send(new EventGenerator(ClusterRun.SIMULATION), RECORDS);
            String job = run.submit();
            run.awaitAccounted(RECORDS / 3, "a third of the records processed");

            run.stack.restartKafka(Duration.ofSeconds(10));

            run.awaitState(job, "FINISHED");
            ClusterRun.log("Kafka restarted mid-stream; the job failed over {} time(s)", run.restarts(job));
            run.assertEveryRecordAccountedForOnce();
            run.assertIndicatorsMatchTheAcceptedEvents();
            run.assertAlertsAsUndisturbed();
        }
    }
}
