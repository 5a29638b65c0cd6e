package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.tools.backtest.AlertBacktest;
import cn.hrss.monitor.warnings.rules.RuleDurations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench-cluster}: the job jar on a standalone cluster of separate JVMs, in backfill mode, over records
 * pre-produced into Kafka. {@code scaling}: the same month of history with 1 and with 2 TaskManagers, and the
 * backtest's rate over the stored events. {@code state}: checkpoint sizes over a backfill of a large population whose
 * event time runs past the rules' retentions. Method and results: docs/benchmarks.md.
 */
public final class ClusterBench {
    /** The first day of the simulated history: in the past, so nothing is rejected as being in the future. */
    static final Instant HISTORY_START = OffsetDateTime.parse("2026-07-01T00:00:00+08:00").toInstant();
    /** Nominal simulator rate; with the time scale it sets the event-time density (see {@link #history}). */
    private static final double CLOCK_RATE = 1000;

    private final long startNanos = System.nanoTime();

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        ClusterBench bench = new ClusterBench();
        if (options.scaling()) {
            bench.scaling(options);
        } else {
            bench.state(options);
        }
        // Kafka client threads may linger after their owners closed; the results are printed.
        System.exit(0);
    }

    private void scaling(Options o) throws Exception {
        try (LocalStack stack = start(o, "bench_cluster")) {
            long records = produce(stack, o, history(o).withPopulation(o.persons(), o.employers()));
            PipelineThroughput.Result one = ClusterScaling.run(stack, records, 1, o.slots(), this::say);
            PipelineThroughput.Result two = ClusterScaling.run(stack, records, 2, o.slots(), this::say);
            double backtestEps = backtest(stack, o);
            say("stopping ...");
            System.out.printf(Locale.ROOT, "bench-cluster scaling: eps_1tm=%d eps_2tm=%d ratio=%.2f backtest_eps=%d%n",
                    Math.round(one.sustainedEps()), Math.round(two.sustainedEps()),
                    two.sustainedEps() / one.sustainedEps(), Math.round(backtestEps));
        }
    }

    /** {@code bin/alerts backtest} over the events the last run stored: accepted events per second of its run. */
    private double backtest(LocalStack stack, Options o) throws Exception {
        long events = stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("events") + " FINAL");
        say("backtest: the alert rules over the " + String.format(Locale.ROOT, "%,d", events)
                + " stored events (bin/alerts backtest); load average " + LoadAverage.now());
        long from = HISTORY_START.toEpochMilli();
        long start = System.nanoTime();
        AlertBacktest.Result result = AlertBacktest.run(stack.config(Map.of()), from,
                from + Duration.ofDays(o.days() + 1).toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        say(String.format(Locale.ROOT, "backtest: %,d events in %.1f s = %,.0f events/s (read from ClickHouse"
                + " included); alerts %s; load average %s", events, seconds, events / seconds, result.alertsByRule(),
                LoadAverage.now()));
        return events / seconds;
    }

    private void state(Options o) throws Exception {
        try (LocalStack stack = start(o, "bench_state")) {
            Path rules = RetentionCatalog.write(Path.of("alerts"), stack.workDir().resolve("catalog"),
                    o.retention());
            say("rule catalog with retention " + o.retention() + ": " + rules);
            long records = produce(stack, o, history(o).withPopulation(o.persons(), o.employers()));
            say("state: backfill on 2 TaskManagers x 1 slot, checkpoints every 5 s; load average " + LoadAverage.now());
            List<StateGrowth.Sample> samples;
            try (ClusterJob job = ClusterJob.submit(stack, "state", 2, 1,
                    StateGrowth.overrides(rules.toString(), o.dedupHorizon()))) {
                samples = StateGrowth.run(stack, job, this::say);
            }
            StateGrowth.Sample last = samples.get(samples.size() - 1);
            if (last.records() < records) {
                throw new IllegalStateException(last.records() + " of " + records + " records accounted for");
            }
            System.out.println(StateGrowth.table(samples, HISTORY_START));
            StateGrowth.Sample peakSample = samples.stream()
                    .max(Comparator.comparingLong(s -> s.sizes().stateSize())).orElseThrow();
            long peak = peakSample.sizes().stateSize();
            say("largest operators at the peak (checkpoint " + peakSample.sizes().id() + "):"
                    + StateGrowth.largest(peakSample.sizes(), 8));
            System.out.printf(Locale.ROOT, "bench-cluster state: persons=%d employers=%d peak_mib=%.1f last_mib=%.1f%n",
                    last.persons(), last.employers(), peak / 1048576.0, last.sizes().stateSize() / 1048576.0);
        }
    }

    private LocalStack start(Options o, String database) throws Exception {
        say("load average before starting: " + LoadAverage.now() + " (other work on this machine skews every figure)");
        say("starting Kafka and ClickHouse (database " + database + ") ...");
        LocalStack stack = LocalStack.start(o.workDir(), database);
        try {
            for (String table : List.of("events", "indicators", "rejected_events")) {
                stack.clickHouse().execute("TRUNCATE TABLE " + stack.table(table));
            }
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Produces the records into empty topics and checks Kafka holds them all. */
    private long produce(LocalStack stack, Options o, SimulatorConfig simulation) throws Exception {
        try (BenchTopics topics = new BenchTopics(stack.kafkaBootstrapServers())) {
            List<String> familyTopics = List.copyOf(stack.config(Map.of()).kafka().topics().values());
            topics.requireEmpty(familyTopics);
            long sent = BenchProducer.produce(stack, simulation, o.events(), this::say);
            long inKafka = topics.records(familyTopics);
            if (inKafka != sent) {
                throw new IllegalStateException(inKafka + " records in Kafka, " + sent + " produced");
            }
            return sent;
        }
    }

    /** {@code o.events()} records spread over about {@code o.days()} days of event time from {@link #HISTORY_START}. */
    static SimulatorConfig history(Options o) {
        double simulatedSecondsPerRecord = o.days() * 86_400.0 / o.events();
        return SimulatorConfig.defaults()
                .withSeed(o.seed())
                .withStart(HISTORY_START)
                .withClock(CLOCK_RATE, CLOCK_RATE * simulatedSecondsPerRecord)
                .withRunLength(Duration.ofDays(o.days()));
    }

    private void say(String line) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        System.out.printf(Locale.ROOT, "[bench-cluster %4ds] %s%n", seconds, line);
    }

    /** Command-line options of {@code bin/bench-cluster scaling|state}; the defaults differ by mode. */
    record Options(boolean scaling, long events, int days, int persons, int employers, int slots, Duration retention,
            Duration dedupHorizon, long seed, Path workDir) {
        static final String USAGE = "usage: bin/bench-cluster scaling [--events N] [--days D] [--slots N] [--seed N]\n"
                + "       bin/bench-cluster state [--events N] [--days D] [--persons N] [--employers N]"
                + " [--retention 5d] [--dedup-horizon 1m] [--seed N]";

        static Options parse(String[] args) {
            if (args.length == 0 || !List.of("scaling", "state").contains(args[0])) {
                throw new IllegalArgumentException(USAGE);
            }
            boolean scaling = args[0].equals("scaling");
            long events = scaling ? 500_000 : 2_000_000;
            int days = scaling ? 30 : 60;
            int persons = scaling ? 200_000 : 1_000_000;
            int employers = scaling ? 20_000 : 100_000;
            int slots = 2;
            Duration retention = Duration.ofDays(5);
            Duration dedupHorizon = Duration.ofMinutes(1);
            long seed = 42;
            Path workDir = Path.of(".bench-cluster");
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
                }
                String value = args[i + 1].replace("_", "").replace(",", "");
                switch (args[i]) {
                    case "--events" -> events = Long.parseLong(value);
                    case "--days" -> days = Integer.parseInt(value);
                    case "--persons" -> persons = Integer.parseInt(value);
                    case "--employers" -> employers = Integer.parseInt(value);
                    case "--slots" -> slots = Integer.parseInt(value);
                    case "--retention" -> retention = RuleDurations.parse(value);
                    case "--dedup-horizon" -> dedupHorizon = RuleDurations.parse(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--work-dir" -> workDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            }
            if (events < 10_000 || days < 1 || slots < 1) {
                throw new IllegalArgumentException("--events must be at least 10000, --days and --slots positive");
            }
            return new Options(scaling, events, days, persons, employers, slots, retention, dedupHorizon, seed,
                    workDir);
        }
    }
}
