package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.devstack.LocalProcesses;
import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bounded run of the whole pipeline on a real Kafka broker and a real ClickHouse server: the simulator's records
 * are all in Kafka before the job starts, and the job stops at the end of its input, which closes every window. The
 * end-to-end tests read what it left behind; they share one run (see {@link SharedBoundedRun}).
 */
final class BoundedRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedRun.class);

    static final int RECORDS = 20_000;
    /**
     * All scenarios, the default bad-input fractions, a fixed seed. 21.6 simulated seconds per record spread the
     * 20,000 records over about five days, which start on 29 July so that the run crosses a month end.
     */
    static final SimulatorConfig SIMULATION = SimulatorConfig.defaults()
            .withSeed(20_260_729L)
            .withStart(OffsetDateTime.parse("2026-07-29T00:00:00+08:00").toInstant())
            .withClock(1000, 21_600)
            .withRunLength(Duration.ofDays(5));
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    private static final Path WORK_DIR = Path.of("target", "e2e-work").toAbsolutePath();
    /** Several checkpoints during the run, for the privacy test to search. */
    private static final String CHECKPOINT_INTERVAL = "2s";

    final LocalStack stack;
    final MonitorConfig config;
    /** The records in Kafka, in the order they were sent, each with what ingestion should make of it. */
    final List<SimulatedRecord> records;
    /** Every raw citizen ID in the input. */
    final Set<String> citizenIds;
    /** What the checkpoint files written during the run contained. */
    final CheckpointWatcher.Findings checkpoints;

    private BoundedRun(LocalStack stack, MonitorConfig config, List<SimulatedRecord> records, Set<String> citizenIds,
            CheckpointWatcher.Findings checkpoints) {
        this.stack = stack;
        this.config = config;
        this.records = records;
        this.citizenIds = citizenIds;
        this.checkpoints = checkpoints;
    }

    static BoundedRun start() throws Exception {
        Path workDir = WORK_DIR;
        LocalProcesses.deleteRecursively(workDir);
        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.start(workDir, "hrss_e2e_" + System.currentTimeMillis());
        try {
            try (KafkaEventProducer producer = new KafkaEventProducer(
                    stack.kafkaBootstrapServers(), KafkaEventProducer.DEFAULT_TOPIC_PREFIX, null)) {
                producer.produce(new EventGenerator(SIMULATION), RECORDS, null, 0);
            }
            // The same config gives the same records: a second generator tells what was sent.
            List<SimulatedRecord> records = generate(new EventGenerator(SIMULATION), RECORDS);
            Set<String> citizenIds = CitizenIds.inRecords(records);
            MonitorConfig config = stack.config(Map.of("flink.checkpoint-interval", CHECKPOINT_INTERVAL));
            long t1 = System.nanoTime();
            CheckpointWatcher watcher = CheckpointWatcher.start(workDir.resolve("checkpoints"), citizenIds);
            awaitFinished(stack.startJob(config, true), JOB_TIMEOUT);
            CheckpointWatcher.Findings checkpoints = watcher.stop();
            LOG.info("End-to-end run: stack and {} records ready in {} s, bounded job finished in {} s", RECORDS,
                    seconds(t1 - t0), seconds(System.nanoTime() - t1));
            return new BoundedRun(stack, config, records, citizenIds, checkpoints);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Fails fast when the job fails: its restart strategy would otherwise retry until the timeout. */
    static void awaitFinished(JobClient job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        while (!result.isDone()) {
            JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
            boolean restarting = status == JobStatus.RESTARTING || status == JobStatus.FAILING;
            if (restarting || System.nanoTime() > deadline) {
                job.cancel().get(30, TimeUnit.SECONDS);
                throw new IllegalStateException("the bounded job " + (restarting ? "failed and is restarting"
                        : "did not finish within " + timeout) + "; its log: " + logFile());
            }
            Thread.sleep(500);
        }
        result.get();
    }

    private static List<SimulatedRecord> generate(EventGenerator generator, int count) {
        List<SimulatedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(generator.next());
        }
        return records;
    }

    /** {@code database.table} of this run. */
    String table(String name) {
        return stack.table(name);
    }

    /** The file the stack's log (log4j appender "file") is written to. */
    static Path logFile() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        FileAppender file = context.getConfiguration().getAppender("file");
        if (file == null) {
            throw new IllegalStateException("log4j2-test.xml has no appender named 'file'");
        }
        return Path.of(file.getFileName()).toAbsolutePath();
    }

    @Override
    public void close() throws IOException {
        if (stack.clickHouseIsExternal()) {
            stack.clickHouse().execute("DROP DATABASE IF EXISTS " + stack.database());
        }
        stack.close();
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
