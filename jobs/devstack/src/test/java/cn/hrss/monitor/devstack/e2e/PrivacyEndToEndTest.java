package cn.hrss.monitor.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.simulator.wire.MalformedKind;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No raw citizen ID that went into the input topics comes out anywhere else (domain.md §6): not in any ClickHouse
 * table, not on any other Kafka topic, not in the log, not in a checkpoint. The scanner is shown to find the IDs where
 * they are (the input topics), and rejected IDs are shown to be kept in their masked form, so these tests can fail.
 */
@ExtendWith(SharedBoundedRun.class)
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "searches every topic of the cluster, which must hold this run's records only")
class PrivacyEndToEndTest {
    private static BoundedRun run;

    @BeforeAll
    static void share(BoundedRun shared) {
        run = shared;
    }

    /** The control: every ID is found in the input topics, so the other searches would find one if it were there. */
    @Test
    void theScannerFindsEveryIdInTheInputTopics() {
        CitizenIdScanner scanner = new CitizenIdScanner(run.citizenIds);
        for (String topic : run.config.kafka().topics().values()) {
            for (ConsumerRecord<byte[], byte[]> r : TopicContents.readAll(run.stack.kafkaBootstrapServers(), topic)) {
                scanner.scan(r.value());
            }
        }

        assertThat(run.citizenIds).hasSizeGreaterThan(1000);
        assertThat(scanner.found()).isEqualTo(new TreeSet<>(run.citizenIds));
    }

    @Test
    void noTableOfTheDatabaseHoldsARawId() throws Exception {
        List<String> tables = run.stack.clickHouse().queryTsv("SELECT name FROM system.tables WHERE database = '"
                + run.stack.database() + "'").stream().map(r -> r[0]).toList();
        Map<String, Set<String>> found = new TreeMap<>();
        long bytes = 0;
        try (Client client = run.stack.clickHouse().endpoint().newClient()) {
            for (String table : tables) {
                CitizenIdScanner scanner = new CitizenIdScanner(run.citizenIds);
                QuerySettings tsv = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
                try (QueryResponse response = client.query("SELECT * FROM " + run.table(table), tsv).get()) {
                    scanner.scan(response.getInputStream());
                }
                found.put(table, scanner.found());
                bytes += scanner.bytesScanned();
            }
        }

        assertThat(tables).contains("events", "indicators", "rejected_events");
        assertThat(bytes).as("bytes of table contents searched").isGreaterThan(1_000_000);
        assertThat(found).allSatisfy((table, ids) -> assertThat(ids).as("raw IDs in table " + table).isEmpty());
    }

    /** Every topic but the six input topics, internal ones included: dead letters, consumer offsets, ... */
    @Test
    void noOtherTopicHoldsARawId() throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, run.stack.kafkaBootstrapServers()))) {
            topics = new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        }
        topics.removeAll(run.config.kafka().topics().values());
        Map<String, Set<String>> found = new TreeMap<>();
        Map<String, Integer> messages = new TreeMap<>();
        for (String topic : topics) {
            CitizenIdScanner scanner = new CitizenIdScanner(run.citizenIds);
            List<ConsumerRecord<byte[], byte[]>> records =
                    TopicContents.readAll(run.stack.kafkaBootstrapServers(), topic);
            for (ConsumerRecord<byte[], byte[]> r : records) {
                scanner.scan(r.key());
                scanner.scan(r.value());
            }
            found.put(topic, scanner.found());
            messages.put(topic, records.size());
        }

        assertThat(messages).hasEntrySatisfying(run.config.kafka().deadLetterTopic(), n -> assertThat(n).isPositive());
        assertThat(found).allSatisfy((topic, ids) -> assertThat(ids).as("raw IDs on topic " + topic).isEmpty());
    }

    @Test
    void theLogHoldsNoRawId() throws Exception {
        Path log = BoundedRun.logFile();
        byte[] content = Files.readAllBytes(log);

        // The stack's own lines are in it: the right file was searched.
        assertThat(new String(content)).as(log.toString()).contains("Local Kafka broker started");
        assertThat(new CitizenIdScanner(run.citizenIds).scan(content).found()).as("raw IDs in " + log).isEmpty();
    }

    @Test
    void noCheckpointFileHoldsARawId() {
        assertThat(run.checkpoints.filesScanned()).as("checkpoint files searched").isPositive();
        assertThat(run.checkpoints.bytesScanned()).as("checkpoint bytes searched").isPositive();
        assertThat(run.checkpoints.idsFound()).as("raw IDs in checkpoints").isEmpty();
    }

    /** A record rejected for its citizen ID keeps the ID masked (first 6 and last 4), so people can still trace it. */
    @Test
    void rejectedCitizenIdsAreKeptMasked() throws Exception {
        Set<String> expectedMasks = new TreeSet<>();
        for (SimulatedRecord r : run.records) {
            if (r.malformed() == MalformedKind.BAD_CITIZEN_ID_CHECK) {
                CitizenIds.inJson(r.json()).forEach(id -> expectedMasks.add(CitizenIds.masked(id)));
            }
        }
        Set<String> stored = new HashSet<>();
        for (String[] row : run.stack.clickHouse().queryTsv("SELECT masked_payload FROM "
                + run.table("rejected_events") + " FINAL WHERE reason = 'invalid_citizen_id'")) {
            stored.add(row[0]);
        }

        assertThat(expectedMasks).isNotEmpty();
        assertThat(expectedMasks).allSatisfy(mask -> assertThat(stored).anySatisfy(p -> assertThat(p).contains(mask)));
    }
}
