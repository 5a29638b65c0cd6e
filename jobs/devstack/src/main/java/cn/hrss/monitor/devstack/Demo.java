package cn.hrss.monitor.devstack;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.reference.SimulatedReferenceData;
import cn.hrss.monitor.simulator.scenarios.ScenarioLog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;

/**
 * {@code bin/demo}: the whole system on this machine. Starts Kafka and ClickHouse, the job in a MiniCluster and the
 * simulator with every scenario; shows progress; stops after {@code --duration} seconds or on Ctrl-C, leaving nothing
 * running, and ends with a one-line summary.
 */
public final class Demo {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final DemoOptions options;
    private LocalStack stack;
    private JobClient job;
    private KafkaEventProducer producer;
    private CompletableFuture<Long> production;
    private EventGenerator generator;
    private final long startNanos = System.nanoTime();
    private boolean stopped;
    private boolean externalClickHouse;
    /** When the simulator stopped: sources that fall silent after this are the demo ending, not an outage. */
    private Instant productionEndedAt;
    private String clickHouseUrl;

    private Demo(DemoOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        Demo demo = new Demo(options);
        Thread mainThread = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mainThread.interrupt();
            demo.stop("interrupted");
        }, "demo-shutdown"));
        try {
            demo.run();
        } catch (InterruptedException e) {
            // Ctrl-C: the shutdown hook stops everything and prints the summary.
        } finally {
            demo.stop("finished");
        }
    }

    private void run() throws Exception {
        say("starting Kafka (KRaft) and ClickHouse, applying migrations ...");
        String readerPassword = randomPassword();
        stack = LocalStack.start(options.workDir(), options.database(), readerPassword);
        externalClickHouse = stack.clickHouseIsExternal();
        clickHouseUrl = stack.clickHouseUrl();
        writeGrafanaProvisioning(externalClickHouse ? null : readerPassword);
        Duration simulatedSpan = Duration.ofSeconds((long) (runSeconds() * options.timeScale()));
        SimulatorConfig simulation = SimulatorConfig.defaults()
                .withSeed(options.seed())
                .withClock(options.rate(), options.timeScale())
                .withStart(simulatedStart(simulatedSpan))
                .withRunLength(simulatedSpan);
        // The simulated world is far smaller than the country: its own opening stocks and balances keep the stock
        // indicators (months payable, unemployment rate) meaningful.
        Path reference = options.workDir().resolve("reference");
        SimulatedReferenceData.write(simulation, reference);
        // Simulated time runs thousands of times faster than the wall clock here: a quiet partition (death records come
        // in batches) must stop holding back the watermark within seconds, not the production 30.
        MonitorConfig config = stack.config(Map.of("reference.dir", reference.toString(),
                "ingest.source-idle-timeout", "5s"));
        say("Kafka " + stack.kafkaBootstrapServers() + ", ClickHouse " + stack.clickHouseUrl() + " (database "
                + stack.database() + ")");
        job = stack.startJob(config, false);
        say("job " + job.getJobID() + " running in a local Flink MiniCluster");

        generator = new EventGenerator(simulation);
        producer = new KafkaEventProducer(stack.kafkaBootstrapServers(), KafkaEventProducer.DEFAULT_TOPIC_PREFIX, null);
        // Simulated time must not overtake the real clock, so even without --duration the run has an end.
        Duration runFor = Duration.ofSeconds(runSeconds());
        say(String.format(Locale.ROOT, "simulator: %,.0f events/s, %.0f simulated seconds per second, scenarios %s%s",
                options.rate(), options.timeScale(), Scenario.parseList("all"),
                ", for " + runFor.toSeconds() + " s (Ctrl-C stops earlier)"));
        production = CompletableFuture.supplyAsync(() -> producer.produce(
                generator, 0, runFor, options.rate()));

        long lastSent = 0;
        long lastNanos = System.nanoTime();
        while (!production.isDone()) {
            try {
                production.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                long sent = producer.sentSoFar();
                long now = System.nanoTime();
                printProgress((sent - lastSent) / ((now - lastNanos) / 1e9), sent);
                lastSent = sent;
                lastNanos = now;
            }
        }
        long produced = production.get();
        productionEndedAt = Instant.now();
        say(String.format(Locale.ROOT, "simulator done: %,d records; waiting for the pipeline to drain ...", produced));
        waitForDrain(produced);
    }

    /**
     * Writes {@code <work dir>/grafana/provisioning} for a Grafana on this machine, pointed at this run's ClickHouse as
     * the read-only dashboard_reader, and says how to start Grafana with it. An external ClickHouse (HRSS_CLICKHOUSE_URL)
     * needs the user installed there and its password in the environment ({@code readerPassword} null).
     */
    private void writeGrafanaProvisioning(String readerPassword) throws IOException {
        Path dir = options.workDir().resolve("grafana");
        GrafanaProvisioning.writeFor(dir, URI.create(clickHouseUrl), "dashboard_reader", stack.database(),
                readerPassword);
        Path provisioning = dir.resolve("provisioning").toAbsolutePath();
        say("Grafana (optional, with the grafana-clickhouse-datasource plugin): provisioning in " + provisioning);
        say(readerPassword == null
                ? "  install dashboard_reader on your ClickHouse (conf/clickhouse/README.md), export "
                        + GrafanaProvisioning.PASSWORD_ENV + "=<its password>, then"
                : "  set -a; . " + dir.toAbsolutePath().resolve("dashboard_reader.env") + "; set +a");
        say("  GF_PATHS_PROVISIONING=" + provisioning + " grafana-server --homepath /usr/share/grafana"
                + "   (dashboards under 人社监测预警 while the demo runs)");
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Without --duration the demo runs ten minutes (Ctrl-C stops it earlier). */
    private long runSeconds() {
        return options.durationSeconds() > 0 ? options.durationSeconds() : 600;
    }

    /**
     * Simulated time must end before now (later events would be rejected as future_timestamp), and starting on the first
     * of a month makes the month windows whole.
     */
    private static Instant simulatedStart(Duration span) {
        ZonedDateTime start = ZonedDateTime.now(CHINA).minus(span).minusDays(2);
        return start.toLocalDate().withDayOfMonth(1).atStartOfDay(CHINA).toInstant();
    }

    private void waitForDrain(long produced) throws Exception {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            PipelineCounts c = PipelineCounts.read(stack.clickHouse(), stack.database());
            if (c.accepted() + c.rejected() >= produced) {
                return;
            }
            Thread.sleep(1000);
        }
        say("the pipeline did not account for every record within " + DRAIN_TIMEOUT.toSeconds() + " s");
    }

    private void printProgress(double eventsPerSecond, long sent) {
        try {
            PipelineCounts c = PipelineCounts.read(stack.clickHouse(), stack.database());
            double lagHours = c.latestHourEnd() == 0 ? Double.NaN
                    : (generator.simulatedNow().getEpochSecond() - c.latestHourEnd()) / 3600.0;
            say(String.format(Locale.ROOT,
                    "in %,7.0f ev/s | sent %,d | accepted %,d | rejected %,d | indicator rows %,d | watermark lag %.1f h"
                            + " simulated (%.1f s)",
                    eventsPerSecond, sent, c.accepted(), c.rejected(), c.indicatorRows(), lagHours,
                    lagHours * 3600 / options.timeScale()));
        } catch (Exception e) {
            say("progress unavailable: " + e.getMessage());
        }
    }

    /** Idempotent: called at the end of run and by the Ctrl-C hook. Prints the summary once. */
    private synchronized void stop(String why) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (producer != null) {
            producer.requestStop();
        }
        String summary = null;
        try {
            if (stack != null) {
                summary = summary();
            }
        } catch (Exception e) {
            say("could not read the final counts: " + e.getMessage());
        }
        if (production != null) {
            production.handle((v, e) -> v).join();
        }
        if (producer != null) {
            producer.close();
        }
        if (job != null) {
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                say("job cancel: " + e.getMessage());
            }
        }
        if (stack != null) {
            printScenarioLog();
            stack.close();
        }
        if (summary != null) {
            System.out.println(summary);
            System.out.println(queryHint());
        }
    }

    private String queryHint() {
        String sample = "SELECT indicator, period, count() FROM " + options.database()
                + ".indicators FINAL GROUP BY indicator, period ORDER BY indicator, period";
        if (externalClickHouse) {
            return "query the results: clickhouse-client -q \"" + sample + "\"  (or curl '" + clickHouseUrl
                    + "/' --data-binary \"" + sample + "\")";
        }
        return "query the results: this run's ClickHouse stopped with the demo. To keep results, start a server"
                + " (sudo service clickhouse-server start), run HRSS_CLICKHOUSE_URL=http://127.0.0.1:8123 bin/demo --duration 90,"
                + " then: clickhouse-client -q \"" + sample + "\"";
    }

    private String summary() throws Exception {
        PipelineCounts c = PipelineCounts.read(stack.clickHouse(), stack.database());
        long events = producer == null ? 0 : producer.sentSoFar();
        Instant end = productionEndedAt != null ? productionEndedAt : Instant.now();
        List<String[]> byRule = stack.clickHouse().queryTsv("SELECT rule_id, count() FROM " + stack.table("alerts")
                + " FINAL WHERE NOT (rule_id = 'data_absence' AND starts_at > toDateTime(" + end.getEpochSecond()
                + ")) GROUP BY rule_id ORDER BY rule_id");
        long alerts = byRule.stream().mapToLong(r -> Long.parseLong(r[1])).sum();
        String rules = byRule.stream().map(r -> r[0] + ":" + r[1]).collect(Collectors.joining(","));
        return String.format(Locale.ROOT,
                "summary: events=%d accepted=%d rejected=%d indicator_rows=%d alerts=%d alerts_by_rule=%s",
                events, c.accepted(), c.rejected(), c.indicatorRows(), alerts, rules);
    }

    private void printScenarioLog() {
        if (generator == null) {
            return;
        }
        for (ScenarioLog.Entry e : generator.scenarioLog().entries()) {
            say("scenario " + e.scenario().wireName + ": " + e.description());
        }
    }

    private void say(String line) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        System.out.printf(Locale.ROOT, "[demo %4ds] %s%n", seconds, line);
    }

    /** Command-line options of {@code bin/demo}. */
    record DemoOptions(long durationSeconds, double rate, double timeScale, long seed, Path workDir, String database) {
        static DemoOptions parse(String[] args) {
            long duration = 0;
            double rate = 1000;
            // Half a simulated day per second: a three-minute demo covers three months, so monthly rules can fire.
            double timeScale = 43200;
            long seed = 42;
            Path workDir = Path.of(".demo");
            String database = "hrss";
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--duration" -> duration = Long.parseLong(require(args[i], value));
                    case "--rate" -> rate = Double.parseDouble(require(args[i], value));
                    case "--time-scale" -> timeScale = Double.parseDouble(require(args[i], value));
                    case "--seed" -> seed = Long.parseLong(require(args[i], value));
                    case "--work-dir" -> workDir = Path.of(require(args[i], value));
                    case "--database" -> database = require(args[i], value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --duration S --rate N --time-scale X --seed N --work-dir DIR --database NAME");
                }
                i++;
            }
            return new DemoOptions(duration, rate, timeScale, seed, workDir, database);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
