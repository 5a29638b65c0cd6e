package cn.hrss.monitor.tools.rules;

import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleJson;
import cn.hrss.monitor.warnings.rules.RuleValidationException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The compacted rules topic: one record per rule id holding its latest published definition as JSON. The job reads it
 * as broadcast state; {@code rules publish} reads it to the end to compare, then appends.
 */
final class RulesTopic {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String topic;

    RulesTopic(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** Creates the topic (one partition, compacted) unless it exists. */
    void ensureExists() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            NewTopic t = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(t)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the rules topic " + topic + ": " + e.getCause(), e);
            }
        }
    }

    /**
     * Reads the topic to its end.
     *
     * @param unreadable told about each record that is not a valid rule (it is then treated as not published)
     * @return rule id → latest published definition
     */
    Map<String, RuleDefinition> readPublished(Consumer<String> unreadable) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, RuleDefinition> published = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!atEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the rules topic " + topic + " to its end within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                    apply(rec, published, unreadable);
                }
            }
        }
        return published;
    }

    private static boolean atEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void apply(ConsumerRecord<String, String> rec, Map<String, RuleDefinition> published,
            Consumer<String> unreadable) {
        if (rec.value() == null) {
            published.remove(rec.key()); // a tombstone withdraws the published version
            return;
        }
        try {
            published.put(rec.key(), RuleJson.fromJson(rec.value()));
        } catch (RuleValidationException e) {
            unreadable.accept("offset " + rec.offset() + " (key " + rec.key() + "): " + e.getMessage());
        }
    }

    /** Appends each rule keyed by its id, waiting until the broker has them all. */
    void publish(List<RuleDefinition> rules) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (RuleDefinition r : rules) {
                producer.send(new ProducerRecord<>(topic, r.id, RuleJson.toJson(r))).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing rules", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e.getCause(), e);
        }
    }
}
