package cn.hrss.monitor.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import cn.hrss.monitor.devstack.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/** Runs a real in-process broker: topics, a produce/consume round trip, and a clean shutdown. */
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "these tests start and stop their own broker")
class LocalKafkaTest {

    private static final String EVENTS = "test-events";
    private static final String WARNINGS = "test-warnings";
    private static final int RECORDS = 1000;

    @Test
    void roundTripsRecordsThroughTwoTopicsAndReleasesThePortOnClose() throws Exception {
        long startNanos = System.nanoTime();
        LocalKafka kafka = LocalKafka.start();
        System.out.printf("LocalKafka started in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        InetSocketAddress address = parse(kafka.bootstrapServers());
        try (kafka) {
            kafka.createTopics(Map.of(EVENTS, 3, WARNINGS, 2));
            kafka.createTopics(Map.of(EVENTS, 3)); // idempotent

            assertThat(partitionCounts(kafka, Set.of(EVENTS, WARNINGS))).containsOnly(
                    Map.entry(EVENTS, 3), Map.entry(WARNINGS, 2));

            Map<String, String> sent = produce(kafka);
            assertThat(consume(kafka, sent.size())).isEqualTo(sent);
        }
        assertThatThrownBy(() -> connect(address)).isInstanceOf(IOException.class);
    }

    @Test
    void createsCompactedTopics() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createCompactedTopic("test-reference");
            kafka.createCompactedTopic("test-reference"); // idempotent

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "test-reference");
            try (Admin admin = admin(kafka)) {
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
    }

    /** Sends half the records to each topic and waits for every acknowledgement; returns "topic/key" -> value. */
    private static Map<String, String> produce(LocalKafka kafka) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        Map<String, String> sent = new HashMap<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String topic = i % 2 == 0 ? EVENTS : WARNINGS;
                String key = "k" + i;
                String value = "v" + i;
                acks.add(producer.send(new ProducerRecord<>(topic, key, value)));
                sent.put(topic + "/" + key, value);
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS); // throws if the broker rejected the record
            }
        }
        assertThat(sent).hasSize(RECORDS);
        return sent;
    }

    private static Map<String, String> consume(LocalKafka kafka, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-kafka-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, String> received = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(EVENTS, WARNINGS));
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.put(record.topic() + "/" + record.key(), record.value());
                }
            }
        }
        return received;
    }

    private static Map<String, Integer> partitionCounts(LocalKafka kafka, Set<String> topics) throws Exception {
        try (Admin admin = admin(kafka)) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            Map<String, Integer> counts = new HashMap<>();
            descriptions.forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        }
    }

    private static Admin admin(LocalKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static InetSocketAddress parse(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0];
        int colon = first.lastIndexOf(':');
        return new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    private static void connect(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2000);
        }
    }
}
