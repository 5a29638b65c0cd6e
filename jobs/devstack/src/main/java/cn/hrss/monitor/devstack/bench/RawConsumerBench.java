package cn.hrss.monitor.devstack.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The raw limit: one thread, one plain {@link KafkaConsumer}, reading every record of the topics and decoding its
 * value with Jackson's streaming parser, every token visited and every scalar's text materialised, as the job's
 * decoder does before its own checks. No group coordination: the partitions are assigned, not subscribed.
 */
final class RawConsumerBench {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    /**
     * @param records how many records there are to read
     * @param nanos from the first poll to the last record
     * @param malformed values that were not JSON (they cost a parse all the same)
     * @param tokens JSON tokens visited, so the decoding cannot be optimised away
     * @param cpu the cores kept busy meanwhile (this thread and the broker serving it)
     */
    record Result(long records, long nanos, long malformed, long tokens, CpuReading.Use cpu) {
        double eventsPerSecond() {
            return records / (nanos / 1e9);
        }
    }

    private RawConsumerBench() {}

    static Result run(String bootstrapServers, Collection<String> topics, long expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(bootstrapServers))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long malformed = 0;
            long tokens = 0;
            CpuReading cpuAtStart = CpuReading.now();
            long start = System.nanoTime();
            long lastRecord = start;
            while (read < expected) {
                var batch = consumer.poll(POLL);
                if (batch.isEmpty() && System.nanoTime() - lastRecord > GIVE_UP_AFTER.toNanos()) {
                    throw new IllegalStateException("raw consumer: only " + read + " of " + expected + " records");
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    long visited = tokens(r.value());
                    if (visited < 0) {
                        malformed++;
                    } else {
                        tokens += visited;
                    }
                }
                if (!batch.isEmpty()) {
                    read += batch.count();
                    lastRecord = System.nanoTime();
                }
            }
            return new Result(read, lastRecord - start, malformed, tokens, CpuReading.now().since(cpuAtStart));
        }
    }

    /** @return tokens in the value, or -1 if it is not well-formed JSON */
    private static long tokens(byte[] value) {
        long n = 0;
        try (JsonParser p = JSON.createParser(value)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t.isScalarValue()) {
                    p.getText();
                }
                n++;
            }
            return n;
        } catch (JsonProcessingException e) {
            return -1;
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory record failed", e);
        }
    }

    /** Large fetches: the broker is local, so the limit is this thread's decoding, not round trips. */
    private static Properties properties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(1 << 20));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
