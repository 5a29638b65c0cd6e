package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.ingest.RejectReason;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench}: on one machine and the same pre-produced events in Kafka, the raw limit (a plain consumer
 * decoding JSON) against the full pipeline's sustained rate and against the floor of ingestion and storage alone
 * ({@link IngestionFloor}), then end-to-end latency under a steady load. The last
 * line is {@code bench: raw_eps=N pipeline_eps=N ratio=R p50_ms=N p99_ms=N}. Method: docs/benchmarks.md.
 */
public final class Bench {
    /** 09:00 on a payout and declaration day: the hours in which the national peak of ~10^4 events/s occurs. */
    static final Instant THROUGHPUT_START = OffsetDateTime.parse("2026-07-13T09:00:00+08:00").toInstant();
    /**
     * Nominal rate for {@link SimulatorConfig#withClock} at time scale 1 that gives about 10,000 records per simulated
     * second at {@link #THROUGHPUT_START} (measured: the simulator's clock counts whole milliseconds, so at this
     * density the nominal figure is far from the effective one). The run prints the density it got.
     */
    private static final double THROUGHPUT_CLOCK_RATE = 280;

    private final long startNanos = System.nanoTime();

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new Bench().run(options);
        // Flink and Kafka client threads may linger after their owners closed; the results are printed.
        System.exit(0);
    }

    private void run(Options o) throws Exception {
        say("load average before starting: " + LoadAverage.now()
                + " (other work on this machine skews every figure)");
        say("starting Kafka and ClickHouse (database bench) ...");
        try (LocalStack stack = LocalStack.start(o.workDir(), "bench");
                BenchTopics topics = new BenchTopics(stack.kafkaBootstrapServers())) {
            empty(stack, "events", "indicators", "rejected_events");
            List<String> familyTopics = List.copyOf(stack.config(Map.of()).kafka().topics().values());
            topics.requireEmpty(familyTopics);

            long events = produce(stack, o);
            long inKafka = topics.records(familyTopics);
            if (inKafka != events) {
                throw new IllegalStateException(inKafka + " records in Kafka, " + events + " produced");
            }

            warmUp(stack, familyTopics, events);
            say("raw: one plain consumer reading and JSON-decoding every record ...");
            RawConsumerBench.Result raw = RawConsumerBench.run(stack.kafkaBootstrapServers(), familyTopics, events);
            say(String.format(Locale.ROOT, "raw: %,d records in %.2f s = %,.0f events/s (%,d not JSON, %,d tokens)",
                    raw.records(), raw.nanos() / 1e9, raw.eventsPerSecond(), raw.malformed(), raw.tokens()));
            say("raw: " + raw.cpu().describe(raw.eventsPerSecond()));

            say("pipeline: the job, bounded, over the same records ...");
            PipelineThroughput.Result pipeline = PipelineThroughput.run(stack, events, "bench-pipeline", this::say);
            say(String.format(Locale.ROOT, "pipeline: done in %.1f s: first row after %.1f s, sustained %,.0f events/s,"
                            + " end-of-input flush %.1f s (%,d indicator rows in all); overall %,.0f events/s",
                    pipeline.totalNanos() / 1e9, pipeline.startupNanos() / 1e9, pipeline.sustainedEps(),
                    pipeline.flushNanos() / 1e9, pipeline.indicatorRows(), pipeline.overallEps()));
            say("pipeline, steady part: " + pipeline.steadyCpu().describe(pipeline.sustainedEps()));

            long duplicates = stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("rejected_events")
                    + " WHERE reason = '" + RejectReason.DUPLICATE_EVENT.code + "'");
            empty(stack, "events", "rejected_events");
            say("floor: the job's ingestion and storage alone (no deduplication, indicators or warnings),"
                    + " same records ...");
            PipelineThroughput.Result floor = IngestionFloor.run(stack, events, duplicates, this::say);
            say(String.format(Locale.ROOT, "floor: sustained %,.0f events/s = %.2f of raw; the full pipeline reaches"
                            + " %.2f of this floor (what dedup, indicators and warnings cost on top)",
                    floor.sustainedEps(), floor.sustainedEps() / raw.eventsPerSecond(),
                    pipeline.sustainedEps() / floor.sustainedEps()));
            say("floor, steady part: " + floor.steadyCpu().describe(floor.sustainedEps()));
            say(cpuBudget(raw, pipeline, floor));

            LatencyBench.Result latency = LatencyBench.run(stack,
                    new LatencyBench.Load(o.latencyRate(), o.latencyDuration(), o.latencyTimeScale(), o.seed()),
                    this::say);
            Percentiles w = latency.windows();
            Percentiles in = latency.ingestion();
            say(String.format(Locale.ROOT, "latency: %,d records at %,.0f events/s; %d hourly windows: p50 %d ms,"
                            + " p99 %d ms, max %d ms", latency.produced(), latency.achievedRate(),
                    w.count(), w.at(0.5), w.at(0.99), w.max()));
            if (latency.missing() > 0) {
                say("warning: " + latency.missing() + " windows had no row by the end (the job fell behind the load);"
                        + " they count with their wait so far, so the window percentiles are lower bounds");
            }
            say(String.format(Locale.ROOT, "latency: event to events table (%d sampled events): p50 %d ms, p99 %d ms",
                    in.count(), in.at(0.5), in.at(0.99)));
            Percentiles a = latency.alerts();
            say(a.count() == 0 ? "latency: no alert raised by an event-time rule during the load"
                    : String.format(Locale.ROOT, "latency: event completing a pattern to alert row (%d alerts"
                            + " timed; raised by rule: %s): p50 %d ms, p99 %d ms, max %d ms",
                            a.count(), latency.alertsByRule(), a.at(0.5), a.at(0.99), a.max()));
            if (latency.alertsBeforeTheirTime() > 0) {
                say(latency.alertsBeforeTheirTime() + " alerts were seen before the stream passed the event time they"
                        + " were raised at, and are not in the alert percentiles");
            }
            if (w.count() < 30) {
                say("warning: fewer than 30 windows; use a longer --latency-seconds or larger --latency-time-scale");
            }
            say("stopping ...");
            System.out.printf(Locale.ROOT, "bench: raw_eps=%d pipeline_eps=%d ratio=%.2f p50_ms=%d p99_ms=%d%n",
                    Math.round(raw.eventsPerSecond()), Math.round(pipeline.sustainedEps()),
                    pipeline.sustainedEps() / raw.eventsPerSecond(), w.at(0.5), w.at(0.99));
        }
    }

    /**
     * One unmeasured pass of the raw consumer and of the job over the same records, so that both are measured with
     * their code compiled, as in a long-running job: a first pass in a fresh JVM runs partly interpreted and shares
     * the cores with the JIT compiler (the job's rate about doubles from the first pass to the second, the raw
     * consumer's rises by half).
     */
    private void warmUp(LocalStack stack, List<String> familyTopics, long events) throws Exception {
        say("warm-up: the raw consumer and the job once over the same records, not measured ...");
        RawConsumerBench.Result raw = RawConsumerBench.run(stack.kafkaBootstrapServers(), familyTopics, events);
        PipelineThroughput.Result pipeline = PipelineThroughput.run(stack, events, "bench-warm-up", line -> { });
        say(String.format(Locale.ROOT, "warm-up: raw %,.0f events/s, pipeline %,.0f events/s (cold, for comparison)",
                raw.eventsPerSecond(), pipeline.sustainedEps()));
        empty(stack, "events", "indicators", "rejected_events");
    }

    private static void empty(LocalStack stack, String... tables) throws IOException {
        for (String table : tables) {
            stack.clickHouse().execute("TRUNCATE TABLE " + stack.table(table));
        }
    }

    /**
     * What the ratio 0.5 would allow: every core busy, each record may cost the machine at most cores / (0.5 × raw)
     * of CPU, against what the pipeline and the floor were measured to cost.
     */
    private static String cpuBudget(RawConsumerBench.Result raw, PipelineThroughput.Result pipeline,
            PipelineThroughput.Result floor) {
        CpuReading.Use p = pipeline.steadyCpu();
        if (Double.isNaN(p.machineCores())) {
            return "cpu budget: unknown (no /proc/stat)";
        }
        return String.format(Locale.ROOT, "cpu budget: at ratio 0.5 a record may cost %.1f µs of the machine's CPU"
                        + " (all %d cores busy); the pipeline used %.1f µs, the floor %.1f µs",
                p.cores() / (0.5 * raw.eventsPerSecond()) * 1e6, p.cores(),
                p.microsPerRecord(pipeline.sustainedEps()), floor.steadyCpu().microsPerRecord(floor.sustainedEps()));
    }

    /** N records as fast as Kafka takes them, event time advancing about as at the national peak. */
    private long produce(LocalStack stack, Options o) {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withSeed(o.seed())
                .withStart(THROUGHPUT_START)
                .withClock(THROUGHPUT_CLOCK_RATE, 1)
                .withRunLength(Duration.ofSeconds(Math.max(1, o.events() / 10_000)));
        return BenchProducer.produce(stack, config, o.events(), this::say);
    }

    private void say(String line) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        System.out.printf(Locale.ROOT, "[bench %4ds] %s%n", seconds, line);
    }

    /** Command-line options of {@code bin/bench}. */
    record Options(long events, Duration latencyDuration, double latencyRate, double latencyTimeScale, long seed,
            Path workDir) {
        static Options parse(String[] args) {
            long events = 1_000_000;
            long latencySeconds = 60;
            double latencyRate = 10_000;
            double latencyTimeScale = 1200;
            long seed = 42;
            Path workDir = Path.of(".bench");
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--events" -> events = Long.parseLong(value.replace("_", "").replace(",", ""));
                    case "--latency-seconds" -> latencySeconds = Long.parseLong(value);
                    case "--latency-rate" -> latencyRate = Double.parseDouble(value);
                    case "--latency-time-scale" -> latencyTimeScale = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--work-dir" -> workDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --events N"
                            + " --latency-seconds S --latency-rate N --latency-time-scale X --seed N --work-dir DIR");
                }
            }
            if (events < 10_000 || latencySeconds < 1) {
                throw new IllegalArgumentException("--events must be at least 10000 and --latency-seconds positive");
            }
            return new Options(events, Duration.ofSeconds(latencySeconds), latencyRate, latencyTimeScale, seed,
                    workDir);
        }
    }
}
