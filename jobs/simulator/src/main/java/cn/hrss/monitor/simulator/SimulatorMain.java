package cn.hrss.monitor.simulator;

import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.scenarios.ScenarioLog;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command line: produces a simulated stream to Kafka.
 *
 * <pre>
 * java -cp ... cn.hrss.monitor.simulator.SimulatorMain --bootstrap localhost:9092 --rate 1000 --duration 90 \
 *     --seed 42 --time-scale 3600 --start 2026-07-13T00:00:00+08:00 --scenarios all \
 *     --malformed 0.01 --duplicate 0.005 --late 0.002 --topic-prefix hrss.
 * </pre>
 *
 * {@code --count N} instead of {@code --duration S} stops after N records; {@code --rate 0} sends unpaced (the
 * simulated clock then advances as if paced at 1000 records/s); {@code --start now} starts at the current hour.
 */
public final class SimulatorMain {
    private static final String USAGE = """
            usage: SimulatorMain [--bootstrap host:port] [--rate R] (--duration SECONDS | --count N) [--seed S]
                                 [--time-scale X] [--start ISO-8601|now] [--scenarios all|none|a,b,...]
                                 [--malformed F] [--duplicate F] [--late F] [--topic-prefix P]
                                 [--persons N] [--employers N]
            scenarios: mass-layoff, fund-imbalance, unemployment-surge, benefit-after-death, ui-while-employed,
                       source-outage""";
    private static final double UNPACED_CLOCK_RATE = 1000;

    private SimulatorMain() {}

    public static void main(String[] args) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        double rate = Double.parseDouble(options.getOrDefault("rate", "1000"));
        long count = Long.parseLong(options.getOrDefault("count", "0"));
        Duration duration = options.containsKey("duration") || count <= 0
                ? Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault("duration", "90")) * 1000))
                : null;
        SimulatorConfig config = config(options, rate, count, duration);
        String bootstrap = options.getOrDefault("bootstrap", "localhost:9092");
        String prefix = options.getOrDefault("topic-prefix", KafkaEventProducer.DEFAULT_TOPIC_PREFIX);
        System.out.printf("[simulator] seed %d, %s records/s, time scale %.0f, start %s, scenarios %s -> %s (%s*)%n",
                config.seed(), rate > 0 ? Double.toString(rate) : "unpaced", config.timeScale(),
                config.simulatedStart(), config.scenarios(), bootstrap, prefix);
        Instant simulatedEnd = config.simulatedStart().plus(config.runLength());
        if (simulatedEnd.isAfter(Instant.now())) {
            // The job rejects occurredAt more than ingest.max-future ahead of its wall clock.
            System.out.println("[simulator] warning: simulated time reaches " + simulatedEnd
                    + ", after the current time; the job will reject such records as future_timestamp");
        }
        EventGenerator generator = new EventGenerator(config);
        try (KafkaEventProducer producer = new KafkaEventProducer(bootstrap, prefix, System.out)) {
            producer.produce(generator, count, duration, rate);
        }
        for (ScenarioLog.Entry e : generator.scenarioLog().entries()) {
            System.out.printf("[simulator] scenario %s in %s%s from %s to %s: %s%n", e.scenario().wireName,
                    e.regionCode(), e.employerUscc() == null ? "" : " employer " + e.employerUscc(), e.from(), e.to(),
                    e.description());
        }
    }

    static SimulatorConfig config(Map<String, String> options, double rate, long count, Duration duration) {
        SimulatorConfig d = SimulatorConfig.defaults();
        double clockRate = rate > 0 ? rate : UNPACED_CLOCK_RATE;
        double timeScale = Double.parseDouble(options.getOrDefault("time-scale", Double.toString(d.timeScale())));
        double wallSeconds = duration != null ? duration.toMillis() / 1000.0 : count / clockRate;
        Duration runLength = Duration.ofMillis(Math.max(60_000, (long) (wallSeconds * timeScale * 1000)));
        Set<Scenario> scenarios = Scenario.parseList(options.getOrDefault("scenarios", "all"));
        return d.withSeed(Long.parseLong(options.getOrDefault("seed", Long.toString(d.seed()))))
                .withClock(clockRate, timeScale)
                .withStart(start(options.getOrDefault("start", d.simulatedStart().toString())))
                .withScenarios(scenarios)
                .withBadInput(
                        Double.parseDouble(options.getOrDefault("malformed", Double.toString(d.malformedFraction()))),
                        Double.parseDouble(options.getOrDefault("duplicate", Double.toString(d.duplicateFraction()))),
                        Double.parseDouble(options.getOrDefault("late", Double.toString(d.lateFraction()))))
                .withPopulation(Integer.parseInt(options.getOrDefault("persons", Integer.toString(d.persons()))),
                        Integer.parseInt(options.getOrDefault("employers", Integer.toString(d.employers()))))
                .withRunLength(runLength);
    }

    private static Instant start(String value) {
        if (value.equals("now")) {
            return Instant.now().truncatedTo(ChronoUnit.HOURS);
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            if (name.equals("help")) {
                options.put(name, "");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
        }
        return options;
    }
}
