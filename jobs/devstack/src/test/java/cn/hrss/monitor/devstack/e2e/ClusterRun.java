package cn.hrss.monitor.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.devstack.LocalFlinkCluster;
import cn.hrss.monitor.devstack.LocalProcesses;
import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.reference.ReferenceData;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.tools.backtest.AlertBacktest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job as users run it: its shaded jar submitted with {@code flink run} to a standalone cluster of separate JVMs
 * (one JobManager, two TaskManagers), over simulated records in a real Kafka, writing to a
 * real ClickHouse, with checkpoints every two seconds. The failure tests break something while it runs and then
 * check that the results are what an undisturbed run gives.
 */
final class ClusterRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRun.class);
    /**
     * All scenarios over about eight days that cross a month end, with malformed and duplicate records but no late
     * ones: whether a record is too late depends on the watermark, which a failover rewinds only to the last checkpoint
     * (Admission keeps that one), so a record judged between the checkpoint and the failure can be judged differently
     * when replayed — in a fast backfill like this one, whose event time moves days per checkpoint interval. Exactly-once
     * sinks (rows committed with the checkpoint) would remove that; until then the tests leave late records out.
     */
    static final SimulatorConfig SIMULATION = SimulatorConfig.defaults()
            .withBadInput(0.01, 0.005, 0.0)
            .withSeed(20_260_801L)
            .withStart(OffsetDateTime.parse("2026-07-27T00:00:00+08:00").toInstant())
            .withClock(1000, 21_600)
            .withRunLength(Duration.ofDays(8));
    /** Generous: the end of a bounded input fires every pending window at once, slow on a busy machine. */
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    final LocalStack stack;
    final LocalFlinkCluster cluster;
    final Path jobJar;
    final Path jobConfig;
    final MonitorConfig config;
    long sent;

    private ClusterRun(LocalStack stack, LocalFlinkCluster cluster, Path jobJar, Path jobConfig, MonitorConfig config) {
        this.stack = stack;
        this.cluster = cluster;
        this.jobJar = jobJar;
        this.jobConfig = jobConfig;
        this.config = config;
    }

    /**
     * @param overrides job configuration keys on top of the stack's (the job runs bounded with parallelism 2,
     *     checkpoints every 2 s)
     */
    static ClusterRun start(String name, Map<String, String> overrides) throws Exception {
        return start(name, overrides, 2);
    }

    /**
     * @param slotsPerTaskManager with 1, each of the two TaskManagers runs one of the job's two parallel pipelines, so
     *     either one's loss is the job's
     */
    static ClusterRun start(String name, Map<String, String> overrides, int slotsPerTaskManager) throws Exception {
        Path workDir = Path.of("target", "failure-tests", name).toAbsolutePath();
        LocalProcesses.deleteRecursively(workDir);
        LocalStack stack = LocalStack.start(workDir, "hrss_" + name + "_" + System.currentTimeMillis());
        try {
            Map<String, String> job = new HashMap<>(Map.of(
                    "kafka.bounded", "true",
                    "flink.checkpoint-interval", "2s",
                    "flink.parallelism", "2")); // two parallel pipelines, one per TaskManager with 1 slot each
            job.putAll(overrides);
            Path jobConfig = stack.writeConfig("job.properties", job);
            LocalFlinkCluster cluster =
                    LocalFlinkCluster.start(workDir.resolve("flink"), 2, slotsPerTaskManager, Map.of());
            return new ClusterRun(stack, cluster, LocalFlinkCluster.shadedJobJar(), jobConfig,
                    MonitorConfig.load(jobConfig));
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Sends the next {@code count} records of the simulation (the same records on every run). */
    void send(EventGenerator generator, long count) {
        try (KafkaEventProducer producer = new KafkaEventProducer(
                stack.kafkaBootstrapServers(), KafkaEventProducer.DEFAULT_TOPIC_PREFIX, null)) {
            sent += producer.produce(generator, count, null, 0);
        }
    }

    String submit() throws Exception {
        return cluster.submit(jobJar, jobConfig.toString());
    }

    /** Records accounted for so far: rows of events and rejected_events, read as dashboards read them. */
    long accounted() throws IOException {
        return stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("events") + " FINAL")
                + stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("rejected_events") + " FINAL");
    }

    void awaitAccounted(long records, String what) throws Exception {
        await(() -> {
            try {
                return accounted() >= records;
            } catch (IOException notYet) {
                return false;
            }
        }, what);
    }

    void awaitState(String jobId, String state) throws Exception {
        await(() -> state.equals(jobState(jobId)), "job " + jobId + " " + state);
    }

    void await(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + JOB_TIMEOUT + ": " + what + " (" + accountedSafely() + " of "
                        + sent + " records accounted for); logs in " + stack.workDir().resolve("flink/log"));
            }
            Thread.sleep(250);
        }
    }

    private String accountedSafely() {
        try {
            return String.valueOf(accounted());
        } catch (IOException e) {
            return "?";
        }
    }

    String jobState(String jobId) {
        try {
            return cluster.jobState(jobId);
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** How often the job failed over, from its exception history. */
    int restarts(String jobId) throws Exception {
        return cluster.rest("/jobs/" + jobId + "/exceptions").get("exceptionHistory").get("entries").size();
    }

    /** Nothing lost, nothing doubled: every record sent is in events or rejected_events, once. */
    void assertEveryRecordAccountedForOnce() throws IOException {
        long inBoth = stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("rejected_events")
                + " FINAL WHERE event_id != '' AND event_id IN (SELECT event_id FROM " + stack.table("events")
                + " FINAL) AND reason != 'duplicate_event'");
        assertThat(inBoth).as("records both accepted and rejected").isZero();
        assertThat(accounted()).as("accepted + rejected").isEqualTo(sent);
    }

    /** Every indicator row, read with FINAL, equals the independent computation over the accepted events. */
    void assertIndicatorsMatchTheAcceptedEvents() throws Exception {
        List<AcceptedEvent> events = AcceptedEvent.readAll(stack.clickHouse(), stack.table("events"));
        IndicatorFold fold = new IndicatorFold(events, RegionDirectory.loadDefault(), ReferenceData.loadDefault());
        RowComparison comparison = new RowComparison(stack.clickHouse(), stack.table("indicators"));
        IndicatorCatalog.compareAll(comparison, fold);
        assertThat(comparison.rowsCompared()).as("rows compared").isPositive();
        assertThat(comparison.mismatches()).as(comparison.report()).isZero();
    }

    /**
     * The alerts are the ones an undisturbed run raises: per rule as many as the backtest of the stored events, each
     * alert once, its transitions numbered 1, 2, ... without gaps. data_absence watches the wall clock, which a
     * failover disturbs by design, so it is left out.
     */
    void assertAlertsAsUndisturbed() throws Exception {
        Map<String, Long> streamed = new TreeMap<>();
        for (String[] r : stack.clickHouse().queryTsv("SELECT rule_id, count() FROM " + stack.table("alerts")
                + " FINAL WHERE rule_id != 'data_absence' GROUP BY rule_id")) {
            streamed.put(r[0], Long.parseLong(r[1]));
        }
        long from = SIMULATION.simulatedStart().toEpochMilli();
        AlertBacktest.Result backtest = AlertBacktest.run(config, from, from + Duration.ofDays(40).toMillis());
        assertThat(streamed).as("alerts by rule").isEqualTo(backtest.alertsByRule()).isNotEmpty();
        assertEachAlertOnce();
    }

    /** Each alert fired once and its transitions are numbered 1..n without gaps (nothing doubled or lost). */
    void assertEachAlertOnce() throws IOException {
        long gaps = stack.clickHouse().queryLong("SELECT count() FROM (SELECT alert_id, count() AS n, max(sequence)"
                + " AS last, countIf(transition = 'FIRING') AS firings FROM " + stack.table("alert_events")
                + " FINAL GROUP BY alert_id HAVING n != last OR firings != 1)");
        assertThat(gaps).as("alerts whose transitions are not 1..n with one FIRING").isZero();
    }

    @Override
    public void close() {
        cluster.close();
        stack.close();
    }


    static void log(String format, Object... args) {
        LOG.info(format, args);
    }
}
