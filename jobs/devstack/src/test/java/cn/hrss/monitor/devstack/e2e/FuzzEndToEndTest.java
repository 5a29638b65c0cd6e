package cn.hrss.monitor.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.devstack.LocalProcesses;
import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.devstack.e2e.FuzzInput.FuzzRecord;
import cn.hrss.monitor.ingest.RejectReason;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bad input at scale: over 100,000 records, a third valid and the rest damaged in every way {@link Mutation} and
 * the simulator know, go through the real job on a real Kafka broker and ClickHouse server. The job must finish
 * without a single failure (it runs without restarts, so any failure fails it), and every record must come out
 * exactly once, accepted or rejected with the reason its damage calls for, without leaking a citizen ID.
 *
 * <p>The input is the same for the same seed: {@code -Dfuzz.seed=N} replays a run whose seed the log shows.
 */
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "counts every record of the input topics, which must hold this run's records only")
class FuzzEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(FuzzEndToEndTest.class);
    private static final long DEFAULT_SEED = 20_261_128L;
    private static final int SIMULATED_RECORDS = 54_000;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static MonitorConfig config;
    private static List<FuzzRecord> records;
    /** "topic/partition/offset" → the record sent there. */
    private static Map<String, FuzzRecord> sentAt;
    private static Exception jobFailure;

    @BeforeAll
    static void runTheJobOverFuzzedInput() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        Path workDir = Path.of("target", "fuzz-work").toAbsolutePath();
        LocalProcesses.deleteRecursively(workDir);
        stack = LocalStack.start(workDir, "hrss_fuzz_" + System.currentTimeMillis());
        // A poison row would otherwise be retried for ten minutes before the job fails. No partition of a replay is
        // idle, but on a loaded machine a backpressured one can go 30 s without emitting a record, be taken for
        // idle, and let the watermark run hours ahead of it: its valid records would come out too_late.
        config = stack.config(Map.of("sink.retry-for", "30s", "ingest.source-idle-timeout", "10m"));
        long t0 = System.nanoTime();
        records = FuzzInput.generate(seed, SIMULATED_RECORDS, config.kafka().topics());
        LOG.info("Fuzz input: seed {} (replay with -Dfuzz.seed={}), {} records", seed, seed, records.size());
        sentAt = send(records);
        long t1 = System.nanoTime();
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        try {
            BoundedRun.awaitFinished(stack.startJob(config, true, noRestarts), JOB_TIMEOUT);
        } catch (Exception e) {
            jobFailure = e;
        }
        LOG.info("Fuzz run: {} records sent in {} s, bounded job ended in {} s", records.size(),
                (t1 - t0) / 1_000_000_000, (System.nanoTime() - t1) / 1_000_000_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            if (stack.clickHouseIsExternal()) {
                stack.clickHouse().execute("DROP DATABASE IF EXISTS " + stack.database());
            }
            stack.close();
        }
    }

    @Test
    void theJobFinishesWithoutAFailure() {
        assertThat(jobFailure).as("the job failed (with restarts off, any task failure fails the job)").isNull();
    }

    /** The control: the input is as big and as varied as this test claims. */
    @Test
    void theInputIsLargeMixedAndCoversEveryMutation() {
        Set<String> kinds = records.stream().map(FuzzRecord::kind).collect(Collectors.toSet());
        long valid = records.stream().filter(r -> r.outcomes().equals(Set.of(Mutation.ACCEPTED))).count();

        assertThat(records).hasSizeGreaterThanOrEqualTo(100_000);
        assertThat(sentAt).hasSameSizeAs(records);
        assertThat((double) valid / records.size()).isBetween(0.30, 0.50);
        assertThat(kinds).containsAll(Arrays.stream(Mutation.values()).map(Mutation::name).toList())
                .contains("simulator DUPLICATE", "simulator LATE", "simulator MALFORMED TRUNCATED_JSON");
    }

    @Test
    void acceptedPlusRejectedIsSent() throws Exception {
        long accepted = stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("events") + " FINAL");
        long rejected = stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("rejected_events") + " FINAL");

        assertThat(accepted + rejected).isEqualTo(records.size());
    }

    /** Each record, found by its Kafka position, came out once, in a way its mutation (or simulator kind) allows. */
    @Test
    void everyRecordHasAnOutcomeItsKindAllows() throws Exception {
        Map<String, List<String>> outcomes = new HashMap<>();
        for (String[] row : stack.clickHouse().queryTsv("SELECT kafka_topic, kafka_partition, kafka_offset FROM "
                + stack.table("events") + " FINAL")) {
            outcomes.computeIfAbsent(String.join("/", row), k -> new ArrayList<>()).add(Mutation.ACCEPTED);
        }
        for (String[] row : stack.clickHouse().queryTsv("SELECT topic, kafka_partition, kafka_offset, reason FROM "
                + stack.table("rejected_events") + " FINAL")) {
            outcomes.computeIfAbsent(row[0] + "/" + row[1] + "/" + row[2], k -> new ArrayList<>()).add(row[3]);
        }
        // kind → unexpected outcome → how often
        Map<String, Map<String, Integer>> unexpected = new TreeMap<>();
        Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        sentAt.forEach((position, record) -> {
            List<String> got = outcomes.getOrDefault(position, List.of());
            String outcome = got.size() == 1 ? got.get(0) : got.isEmpty() ? "none" : "several " + got;
            byKind.computeIfAbsent(record.kind(), k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
            if (!record.outcomes().contains(outcome)) {
                unexpected.computeIfAbsent(record.kind(), k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
            }
        });
        LOG.info("Fuzz outcomes by kind: {}", byKind);

        Set<String> strayPositions = new HashSet<>(outcomes.keySet());
        strayPositions.removeAll(sentAt.keySet());
        // Set arithmetic, not AssertJ's isSubsetOf, which compares each element with each (100,000² here).
        assertThat(strayPositions).as("outcomes at positions nothing was sent to").isEmpty();
        assertThat(unexpected).as("kinds with outcomes they do not allow (all outcomes: %s)", byKind).isEmpty();
    }

    @Test
    void everyRejectionHasADocumentedReasonAndADetail() throws Exception {
        Set<String> documented = EnumSet.allOf(RejectReason.class).stream().map(r -> r.code).collect(Collectors.toSet());
        Set<String> reasons = new HashSet<>();
        for (String[] row : stack.clickHouse().queryTsv("SELECT DISTINCT reason FROM "
                + stack.table("rejected_events"))) {
            reasons.add(row[0]);
        }
        long withoutDetail = stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("rejected_events")
                + " WHERE detail = ''");

        assertThat(reasons).isSubsetOf(documented).contains("malformed_json", "invalid_field", "duplicate_event");
        assertThat(withoutDetail).isZero();
    }

    @Test
    void theDeadLetterTopicHoldsOneMessagePerRejection() throws Exception {
        List<String> inTable = new ArrayList<>();
        for (String[] row : stack.clickHouse().queryTsv("SELECT topic, kafka_partition, kafka_offset, reason FROM "
                + stack.table("rejected_events") + " FINAL")) {
            inTable.add(String.join("/", row));
        }
        List<String> onTopic = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> m : TopicContents.readAll(
                stack.kafkaBootstrapServers(), config.kafka().deadLetterTopic())) {
            JsonNode json = JSON.readTree(m.value());
            onTopic.add(json.get("topic").asText() + "/" + json.get("partition").asInt() + "/"
                    + json.get("offset").asLong() + "/" + json.get("reason").asText());
        }

        // Sorted lists compared with equals: containsExactlyInAnyOrder would take quadratic time on 60,000 rows.
        Collections.sort(inTable);
        Collections.sort(onTopic);

        assertThat(inTable).hasSizeGreaterThan(records.size() / 2);
        assertThat(onTopic.equals(inTable)).as("dead letters (%d) and rejected_events rows (%d) are the same records",
                onTopic.size(), inTable.size()).isTrue();
    }

    /** Damaged records are rejected with their payload: its citizen IDs must be masked there as anywhere else. */
    @Test
    void noRawCitizenIdInTheTablesTheDeadLettersOrTheLog() throws Exception {
        Set<String> ids = new HashSet<>();
        for (FuzzRecord r : records) {
            if (r.value() != null) {
                ids.addAll(CitizenIds.inJson(new String(r.value(), StandardCharsets.UTF_8)));
            }
        }
        Map<String, Set<String>> found = new TreeMap<>();
        try (Client client = stack.clickHouse().endpoint().newClient()) {
            for (String table : List.of("events", "rejected_events", "indicators", "alerts", "alert_events")) {
                CitizenIdScanner scanner = new CitizenIdScanner(ids);
                QuerySettings tsv = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
                try (QueryResponse response = client.query("SELECT * FROM " + stack.table(table), tsv).get()) {
                    scanner.scan(response.getInputStream());
                }
                found.put("table " + table, scanner.found());
            }
        }
        CitizenIdScanner deadLetters = new CitizenIdScanner(ids);
        TopicContents.readAll(stack.kafkaBootstrapServers(), config.kafka().deadLetterTopic())
                .forEach(m -> deadLetters.scan(m.value()));
        found.put("dead-letter topic", deadLetters.found());
        found.put("log", new CitizenIdScanner(ids).scan(Files.readAllBytes(BoundedRun.logFile())).found());

        assertThat(ids).hasSizeGreaterThan(1000);
        assertThat(found).allSatisfy((where, raw) -> assertThat(raw).as("raw IDs in " + where).isEmpty());
    }

    /** Sends in order and waits for every acknowledgement; returns where each record landed. */
    private static Map<String, FuzzRecord> send(List<FuzzRecord> records) throws Exception {
        Properties p = KafkaEventProducer.producerProperties(stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (FuzzRecord r : records) {
                acks.add(producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value())));
            }
            producer.flush();
        }
        Map<String, FuzzRecord> positions = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            RecordMetadata md = acks.get(i).get();
            positions.put(md.topic() + "/" + md.partition() + "/" + md.offset(), records.get(i));
        }
        return positions;
    }
}
