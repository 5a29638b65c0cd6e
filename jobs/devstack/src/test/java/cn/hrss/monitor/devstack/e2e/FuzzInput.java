package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.Expectation;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The fuzz test's input, the same for the same seed: the simulator's stream with a heavy dose of its own bad input
 * (malformed, duplicate and late records), and after valid records, copies damaged by a {@link Mutation}. A copy
 * has a fresh event id (a resend keeps the original's) and the original's key, so it follows the original in its
 * partition. Records that could be too late go first as well, where no watermark exists yet.
 */
final class FuzzInput {
    /** One record to send and the outcomes ingestion may give it. */
    record FuzzRecord(String topic, byte[] key, byte[] value, String kind, Set<String> outcomes) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Mutated copies per valid simulated record, on average. */
    private static final double MUTATIONS_PER_VALID = 1.6;
    /** The share of {@link Mutation#ANCIENT_TIMESTAMP} copies sent before everything else. */
    private static final double ANCIENT_FIRST = 0.5;

    private FuzzInput() {}

    /**
     * @param simulated how many simulator records to draw; the mutated copies come on top
     * @return the records in the order to send them
     */
    static List<FuzzRecord> generate(long seed, int simulated, Map<EventFamily, String> topics) {
        SimulatorConfig simulation = SimulatorConfig.defaults()
                .withSeed(seed)
                .withStart(OffsetDateTime.parse("2026-07-29T00:00:00+08:00").toInstant())
                .withClock(1000, 8_640)
                .withRunLength(Duration.ofDays(3))
                .withBadInput(0.25, 0.1, 0.05);
        EventGenerator generator = new EventGenerator(simulation);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] cumulativeWeights = cumulativeWeights();
        List<FuzzRecord> first = new ArrayList<>();
        List<FuzzRecord> rest = new ArrayList<>();
        long fresh = 0;
        for (int i = 0; i < simulated; i++) {
            SimulatedRecord r = generator.next();
            String topic = topics.get(r.family());
            byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
            rest.add(new FuzzRecord(topic, key, r.json().getBytes(StandardCharsets.UTF_8), simulatorKind(r),
                    Set.of(r.expectation() == Expectation.LATE ? new String[] {"too_late", Mutation.ACCEPTED}
                            : new String[] {r.expectedRejectReason() == null ? Mutation.ACCEPTED
                                    : r.expectedRejectReason()})));
            if (r.expectation() != Expectation.VALID) {
                continue;
            }
            for (int n = copies(rng); n > 0; n--) {
                ObjectNode original = parse(r.json());
                Mutation m = pick(rng, cumulativeWeights);
                if (!m.appliesTo(original)) {
                    continue;
                }
                if (!m.keepsEventId()) {
                    original.put("eventId", "fuzz-" + (++fresh));
                }
                FuzzRecord damaged = new FuzzRecord(topic, m.sentWithoutKey() ? null : key, m.apply(original, rng),
                        m.name(), m.outcomes);
                (m == Mutation.ANCIENT_TIMESTAMP && rng.nextDouble() < ANCIENT_FIRST ? first : rest).add(damaged);
            }
        }
        first.addAll(rest);
        return first;
    }

    private static String simulatorKind(SimulatedRecord r) {
        return "simulator " + r.expectation() + (r.malformed() == null ? "" : " " + r.malformed());
    }

    private static int copies(SplittableRandom rng) {
        int whole = (int) MUTATIONS_PER_VALID;
        return whole + (rng.nextDouble() < MUTATIONS_PER_VALID - whole ? 1 : 0);
    }

    private static int[] cumulativeWeights() {
        Mutation[] all = Mutation.values();
        int[] cumulative = new int[all.length];
        int sum = 0;
        for (int i = 0; i < all.length; i++) {
            sum += all[i].weight;
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static Mutation pick(SplittableRandom rng, int[] cumulativeWeights) {
        int u = rng.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        int i = Arrays.binarySearch(cumulativeWeights, u + 1);
        return Mutation.values()[i >= 0 ? i : -i - 1];
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the simulator wrote a VALID record that is not JSON", e);
        }
    }
}
