package cn.hrss.monitor.devstack.warnings;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.devstack.LocalProcesses;
import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.reference.SimulatedReferenceData;
import cn.hrss.monitor.simulator.scenarios.ScenarioLog;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated world replayed through the whole job on a real Kafka broker and ClickHouse server: every record of
 * {@code span} simulated time is in Kafka before the job starts, and the job runs bounded, so the end of the input
 * closes every window and fires every event-time timer (hold periods included). What the job wrote stays in the
 * stack's database for the tests to read.
 *
 * @param config the job's configuration (with the simulated world's reference data)
 * @param scenarios what the simulator injected, where
 * @param records records sent to Kafka
 * @param start simulated time of the first record
 * @param end simulated time the records reach
 * @param dashboardReaderPassword the password of ClickHouse's read-only {@code dashboard_reader}, or null when the
 *     stack's ClickHouse has no such user
 */
public record SimulatedReplay(LocalStack stack, MonitorConfig config, ScenarioLog scenarios, long records,
        Instant start, Instant end, String dashboardReaderPassword) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedReplay.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** About 3 minutes on an idle two-core machine; more when other builds share it (a failing job is caught sooner). */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    /**
     * @return the first of a month, local midnight in China, at least {@code ago} before now: simulated time must end
     *     before the wall clock (later records are future_timestamp), and whole months make whole month windows
     */
    static Instant firstOfMonthAtLeast(Duration ago) {
        return Instant.now().atZone(CHINA).minus(ago).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    }

    /**
     * Starts a stack in {@code workDir}, sends the records of {@code span} simulated time from {@code simulation}'s
     * start, and runs the job over them to the end.
     */
    static SimulatedReplay run(Path workDir, String database, SimulatorConfig simulation, Duration span)
            throws Exception {
        return run(workDir, database, simulation, span, null, Map.of());
    }

    /**
     * As {@link #run(Path, String, SimulatorConfig, Duration)}, with a {@code dashboard_reader} (if not null) and job
     * configuration {@code overrides}.
     */
    static SimulatedReplay run(Path workDir, String database, SimulatorConfig simulation, Duration span,
            String dashboardReaderPassword, Map<String, String> overrides) throws Exception {
        LocalProcesses.deleteRecursively(workDir);
        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.start(workDir, database, dashboardReaderPassword);
        try {
            Instant start = simulation.simulatedStart();
            EventGenerator generator = new EventGenerator(simulation);
            long records = produceUntil(stack.kafkaBootstrapServers(), generator, start.plus(span));
            Path reference = workDir.resolve("reference");
            SimulatedReferenceData.write(simulation, reference);
            Map<String, String> job = new HashMap<>(overrides);
            job.put("reference.dir", reference.toString());
            MonitorConfig config = stack.config(job);
            String ready = Polling.secondsSince(t0);
            long t1 = System.nanoTime();
            awaitFinished(stack.startJob(config, true));
            LOG.info("Replay of {} simulated days: stack and {} records ready in {} s, bounded job finished in {} s",
                    span.toDays(), records, ready, Polling.secondsSince(t1));
            return new SimulatedReplay(stack, config, generator.scenarioLog(), records, start, start.plus(span),
                    dashboardReaderPassword);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Sends records until the simulated clock has passed {@code end}; every record must be acknowledged. */
    private static long produceUntil(String bootstrap, EventGenerator generator, Instant end) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(KafkaEventProducer.producerProperties(bootstrap))) {
            while (!generator.simulatedNow().isAfter(end)) {
                SimulatedRecord r = generator.next();
                String topic = KafkaEventProducer.topic(KafkaEventProducer.DEFAULT_TOPIC_PREFIX, r.topicFamily());
                producer.send(new ProducerRecord<>(topic, r.key(), r.json()), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka did not acknowledge every simulated record", failure.get());
        }
        return sent;
    }

    /** Fails fast when the job fails: its restart strategy would otherwise retry until the timeout. */
    private static void awaitFinished(JobClient job) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        while (true) {
            try {
                result.get(1, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                boolean restarting = isRestarting(job);
                if (restarting || System.nanoTime() > deadline) {
                    job.cancel().get(30, TimeUnit.SECONDS);
                    throw new IllegalStateException("the bounded job " + (restarting ? "failed and is restarting"
                            : "did not finish within " + JOB_TIMEOUT) + "; see the stack's log in target/test-logs");
                }
            }
        }
    }

    /** @return whether the job is failing over; false when it just finished, as its MiniCluster is then gone */
    private static boolean isRestarting(JobClient job) {
        try {
            JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
            return status == JobStatus.RESTARTING || status == JobStatus.FAILING;
        } catch (Exception finishedMeanwhile) {
            return false;
        }
    }

    public String database() {
        return stack.database();
    }

    @Override
    public void close() throws IOException {
        if (stack.clickHouseIsExternal()) {
            stack.clickHouse().execute("DROP DATABASE IF EXISTS " + stack.database());
        }
        stack.close();
    }
}
