package cn.hrss.monitor.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.simulator.wire.Expectation;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every simulated record is accounted for after a bounded run: accepted into {@code events} or rejected with the
 * reason the simulator expects, in {@code rejected_events} and on the dead-letter topic alike.
 */
@ExtendWith(SharedBoundedRun.class)
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "counts every record of the input topics, which must hold this run's records only")
class IngestionEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BoundedRun run;

    @BeforeAll
    static void share(BoundedRun shared) {
        run = shared;
    }

    @Test
    void everyRecordIsAcceptedOrRejectedExactlyOnce() throws Exception {
        long accepted = run.stack.clickHouse().queryLong("SELECT count() FROM " + run.table("events") + " FINAL");
        long rejected = run.stack.clickHouse().queryLong(
                "SELECT count() FROM " + run.table("rejected_events") + " FINAL");

        assertThat(accepted + rejected).isEqualTo(BoundedRun.RECORDS);
    }

    /**
     * Malformed and duplicate records are rejected for exactly their expected reasons, in exactly the expected
     * numbers. A LATE record is judged against the watermark when it is read, and the watermark is Long.MIN_VALUE
     * until the first one is emitted (and lags wherever a split has not caught up), so a late record read early may be
     * accepted: each one is either rejected as too_late or accepted, never anything else.
     */
    @Test
    void rejectionsHaveTheExpectedReasonsAndCounts() throws Exception {
        Map<String, Long> expected = run.records.stream()
                .filter(r -> r.expectation() != Expectation.VALID && r.expectation() != Expectation.LATE)
                .collect(Collectors.groupingBy(SimulatedRecord::expectedRejectReason, TreeMap::new,
                        Collectors.counting()));
        Map<String, Long> actual = new TreeMap<>();
        for (String[] row : run.stack.clickHouse().queryTsv("SELECT reason, count() FROM "
                + run.table("rejected_events") + " FINAL GROUP BY reason")) {
            actual.put(row[0], Long.parseLong(row[1]));
        }
        long tooLate = actual.getOrDefault("too_late", 0L);
        long late = count(Expectation.LATE);
        Map<String, Long> withoutTooLate = new TreeMap<>(actual);
        withoutTooLate.remove("too_late");

        assertThat(withoutTooLate).isEqualTo(expected);
        assertThat(expected).containsKeys("malformed_json", "invalid_citizen_id", "duplicate_event");
        assertThat(tooLate).isBetween(0L, late);
        long accepted = run.stack.clickHouse().queryLong("SELECT count() FROM " + run.table("events") + " FINAL");
        assertThat(accepted).isEqualTo(count(Expectation.VALID) + late - tooLate);
    }

    @Test
    void everyValidRecordIsInEvents() throws Exception {
        Set<String> stored = new HashSet<>();
        for (String[] row : run.stack.clickHouse().queryTsv("SELECT event_id FROM " + run.table("events") + " FINAL")) {
            stored.add(row[0]);
        }
        List<String> missing = new ArrayList<>();
        for (SimulatedRecord r : run.records) {
            if (r.expectation() == Expectation.VALID) {
                String eventId = JSON.readTree(r.json()).get("eventId").asText();
                if (!stored.contains(eventId)) {
                    missing.add(eventId);
                }
            }
        }

        assertThat(stored).hasSizeGreaterThanOrEqualTo((int) count(Expectation.VALID));
        assertThat(missing).as("VALID records missing from events").isEmpty();
    }

    /** The dead-letter topic holds exactly one message per rejected record: same source position, same reason. */
    @Test
    void deadLetterTopicHoldsOneMessagePerRejection() throws Exception {
        List<String> inTable = new ArrayList<>();
        for (String[] row : run.stack.clickHouse().queryTsv("SELECT topic, kafka_partition, kafka_offset, reason FROM "
                + run.table("rejected_events") + " FINAL")) {
            inTable.add(String.join("/", row));
        }
        List<String> onTopic = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> m : TopicContents.readAll(
                run.stack.kafkaBootstrapServers(), run.config.kafka().deadLetterTopic())) {
            JsonNode json = JSON.readTree(m.value());
            onTopic.add(json.get("topic").asText() + "/" + json.get("partition").asInt() + "/"
                    + json.get("offset").asLong() + "/" + json.get("reason").asText());
        }

        assertThat(inTable).isNotEmpty().doesNotHaveDuplicates();
        assertThat(onTopic).hasSameSizeAs(inTable).containsExactlyInAnyOrderElementsOf(inTable);
    }

    private static long count(Expectation expectation) {
        return run.records.stream().filter(r -> r.expectation() == expectation).count();
    }
}
