package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.Expectation;
import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.tools.clickhouse.ClickHouseMigrations;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * End-to-end latency under a steady load: a fresh set of topics ({@value #TOPIC_PREFIX}*) and database
 * ({@value #DATABASE}), the job unbounded with short event-time tolerances, the simulator (all scenarios) paced at a
 * fixed rate, and ClickHouse polled for each hourly window's national {@code fund_income} row and for each alert's
 * first transition. A window's latency is from the moment it could first be closed (see {@link EventTimeProgress}) to
 * its row first being seen; an alert's, from the moment the watermark could first pass the event time it was raised
 * at (the event that completed its pattern, or the end of the period it judged) to its row first being seen.
 */
final class LatencyBench {
    static final String TOPIC_PREFIX = "lat.";
    static final String DATABASE = "bench_latency";
    /** An ordinary Monday (no payout or declaration peak), in the past so that no event is in the future. */
    static final Instant START = OffsetDateTime.parse("2026-07-20T00:00:00+08:00").toInstant();
    private static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(1);
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final Duration POLL_EVERY = Duration.ofMillis(100);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    /** After the load stops, how long windows and sampled events may still take to appear. */
    private static final Duration DRAIN = Duration.ofSeconds(20);
    private static final int SAMPLE_EVERY = 1000;

    /**
     * @param windows latency per hourly window, milliseconds
     * @param missing windows that could have closed but had no row by the end (in {@code windows} with their wait so
     *     far, so the percentiles are lower bounds when this is not 0)
     * @param ingestion latency of sampled events into the events table, milliseconds
     * @param alerts latency per alert raised by an event-time rule (data_absence watches wall-clock silence and is
     *     left out), milliseconds
     * @param alertsByRule how many of those alerts each rule raised
     * @param alertsBeforeTheirTime alerts seen before the stream had passed the event time they were raised at (a
     *     rule judging a period before it closed); not in {@code alerts}
     */
    record Result(long produced, double achievedRate, Percentiles windows, int missing, Percentiles ingestion,
            Percentiles alerts, Map<String, Integer> alertsByRule, int alertsBeforeTheirTime) {}

    /** @param timeScale simulated seconds per wall second */
    record Load(double rate, Duration duration, double timeScale, long seed) {}

    private LatencyBench() {}

    static Result run(LocalStack stack, Load load, Consumer<String> say) throws Exception {
        ClickHouseEndpoint admin = stack.clickHouse().endpoint();
        try (ClickHouseQueries ch = new ClickHouseQueries(
                        new ClickHouseEndpoint(admin.url(), admin.user(), admin.password(), DATABASE));
                BenchTopics topics = new BenchTopics(stack.kafkaBootstrapServers());
                SteadyProducer producer = new SteadyProducer(stack.kafkaBootstrapServers(), TOPIC_PREFIX)) {
            ch.execute("DROP DATABASE IF EXISTS " + DATABASE);
            new ClickHouseMigrations(ch, ClickHouseConf.directory().resolve(ClickHouseConf.MIGRATIONS)).apply();
            Map<String, String> overrides = new HashMap<>(Map.of(
                    "kafka.group-id", "bench-latency",
                    "clickhouse.database", DATABASE,
                    "ingest.max-out-of-orderness", MAX_OUT_OF_ORDERNESS.toSeconds() + "s",
                    "ingest.source-idle-timeout", "2s"));
            List<String> topicNames = new ArrayList<>();
            for (EventFamily f : EventFamily.values()) {
                String topic = KafkaEventProducer.topic(TOPIC_PREFIX, f.name());
                overrides.put("kafka.topic." + f.name().toLowerCase(Locale.ROOT), topic);
                topicNames.add(topic);
            }
            topics.create(topicNames, 3);
            topics.requireEmpty(topicNames);

            JobClient job = stack.startJob(stack.config(overrides), false);
            try {
                awaitRunning(job);
                say.accept("latency: job running; " + WARM_UP.toSeconds() + " s warm-up, then " + load.rate()
                        + " events/s for " + load.duration().toSeconds() + " s at " + load.timeScale()
                        + " simulated seconds per second");
                Thread.sleep(WARM_UP.toMillis());
                return measure(ch, producer, load, say);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static Result measure(ClickHouseQueries ch, SteadyProducer producer, Load load, Consumer<String> say)
            throws Exception {
        EventGenerator generator = new EventGenerator(SimulatorConfig.defaults()
                .withSeed(load.seed())
                .withStart(START)
                .withClock(load.rate(), load.timeScale())
                .withRunLength(Duration.ofSeconds((long) (load.duration().toSeconds() * load.timeScale()))));
        EventTimeProgress progress = new EventTimeProgress();
        IngestionSamples ingestion = new IngestionSamples(SAMPLE_EVERY, DATABASE + ".events");
        FutureTask<Long> production = new FutureTask<>(() -> producer.run(generator, load.rate(), load.duration(),
                (r, nanos) -> {
                    if (r.expectation() == Expectation.VALID) {
                        progress.sent(r.occurredAtMillis(), nanos);
                        ingestion.sent(r.json(), nanos);
                    }
                }));
        long start = System.nanoTime();
        new Thread(production, "bench-steady-producer").start();

        Map<Long, Long> seenNanos = new HashMap<>();
        String windowsQuery = "SELECT DISTINCT toUnixTimestamp(window_end) FROM " + DATABASE + ".indicators"
                + " WHERE indicator = 'fund_income' AND period = 'hour' AND region_level = 'nation'";
        Map<String, FirstSeen> alertsSeen = new HashMap<>();
        String alertsQuery = "SELECT alert_id, rule_id, toUnixTimestamp(updated_at) FROM " + DATABASE
                + ".alert_events WHERE transition = 'FIRING' AND kind != 'data_absence'";
        long drainDeadline = Long.MAX_VALUE;
        long nextReport = start + 10_000_000_000L;
        while (System.nanoTime() < drainDeadline) {
            long now = System.nanoTime();
            for (String[] row : ch.queryTsv(windowsQuery)) {
                seenNanos.putIfAbsent(Long.parseLong(row[0]) * 1000, now);
            }
            for (String[] row : ch.queryTsv(alertsQuery)) {
                alertsSeen.putIfAbsent(row[0], new FirstSeen(row[1], Long.parseLong(row[2]) * 1000, now));
            }
            ingestion.poll(ch, now);
            if (production.isDone()) {
                if (drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = now + DRAIN.toNanos();
                }
                if (seenNanos.keySet().containsAll(closable(progress).keySet()) && ingestion.pending() == 0) {
                    break;
                }
            } else if (now >= nextReport) {
                nextReport += 10_000_000_000L;
                say.accept(String.format(Locale.ROOT, "latency: %,d records sent, %d windows closable, %d with a row",
                        producer.sentSoFar(), closable(progress).size(), seenNanos.size()));
            }
            Thread.sleep(POLL_EVERY.toMillis());
        }
        long produced = production.get();
        long end = System.nanoTime();
        List<Long> windowMillis = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<Long, Long> w : closable(progress).entrySet()) {
            Long seen = seenNanos.get(w.getKey());
            if (seen == null) {
                missing++;
            }
            // A window still without a row counts with what it has waited so far: the percentiles stay honest lower
            // bounds instead of quietly leaving out the slowest windows.
            windowMillis.add(((seen == null ? end : seen) - w.getValue()) / 1_000_000);
        }
        List<Long> alertMillis = new ArrayList<>();
        Map<String, Integer> alertsByRule = new TreeMap<>();
        int early = 0;
        for (FirstSeen alert : alertsSeen.values()) {
            alertsByRule.merge(alert.ruleId(), 1, Integer::sum);
            // The event time is stored to the second: 1 s of event time is under a millisecond of wall time here.
            Long judgeable = progress.reachedNanos(alert.eventTimeMillis() + MAX_OUT_OF_ORDERNESS.toMillis());
            if (judgeable == null || judgeable > alert.seenNanos()) {
                early++;
            } else {
                alertMillis.add((alert.seenNanos() - judgeable) / 1_000_000);
            }
        }
        return new Result(produced, produced / (double) load.duration().toSeconds(), new Percentiles(windowMillis),
                missing, ingestion.latencies(), new Percentiles(alertMillis), alertsByRule, early);
    }

    /** An alert's first row: its rule, the event time it was raised at, and when the poller first saw it. */
    private record FirstSeen(String ruleId, long eventTimeMillis, long seenNanos) {}

    /** @return hourly window end → when it became closable, for every window the stream has passed so far */
    private static Map<Long, Long> closable(EventTimeProgress progress) {
        Map<Long, Long> closable = new TreeMap<>();
        for (long end = START.toEpochMilli() + HOUR_MILLIS; ; end += HOUR_MILLIS) {
            Long at = progress.reachedNanos(end + MAX_OUT_OF_ORDERNESS.toMillis());
            if (at == null) {
                return closable;
            }
            closable.put(end, at);
        }
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline || job.getJobStatus().get().isTerminalState()) {
                throw new IllegalStateException("the latency job is " + job.getJobStatus().get() + ", not running");
            }
            Thread.sleep(200);
        }
    }
}
