package cn.hrss.monitor.devstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster for the demo, the benchmark and the end-to-end tests.
 *
 * <p>If the environment variable {@value #BOOTSTRAP_ENV} is set, that cluster is used as is and {@link #close()}
 * leaves it alone. Otherwise a real single-node KRaft broker is started inside this JVM on free loopback ports,
 * with its data in a temporary directory that is deleted on close (or on JVM exit if close is never called).
 */
public final class LocalKafka implements AutoCloseable {

    /** Environment variable naming an existing cluster to use instead of starting one. */
    public static final String BOOTSTRAP_ENV = "HRSS_KAFKA_BOOTSTRAP_SERVERS";

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;
    private static final int COMPACTED_TOPIC_DEFAULT_PARTITIONS = 1;

    private final String bootstrapServers;
    private final KafkaInProcessBroker broker;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalKafka(String bootstrapServers, KafkaInProcessBroker broker) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
        this.shutdownHook = broker == null ? null : new Thread(this::close, "local-kafka-shutdown");
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Connects to {@value #BOOTSTRAP_ENV} if set, otherwise starts an in-process broker and waits until it serves. */
    public static LocalKafka start() {
        String external = System.getenv(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            LOG.info("Using the Kafka cluster at {} ({})", external.trim(), BOOTSTRAP_ENV);
            return new LocalKafka(external.trim(), null);
        }
        long startNanos = System.nanoTime();
        KafkaInProcessBroker broker = KafkaInProcessBroker.start();
        LOG.info("Local Kafka broker started at {} in {} ms",
                broker.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return new LocalKafka(broker.bootstrapServers(), broker);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates each topic with the given partition count; topics that already exist are left as they are. */
    public void createTopics(Map<String, Integer> partitionsByName) {
        List<NewTopic> topics = new ArrayList<>();
        partitionsByName.forEach((name, partitions) -> topics.add(newTopic(name, partitions)));
        create(topics);
    }

    /** Creates a log-compacted topic with one partition (for keyed reference data); a no-op if it exists. */
    public void createCompactedTopic(String name) {
        createCompactedTopic(name, COMPACTED_TOPIC_DEFAULT_PARTITIONS);
    }

    /** Creates a log-compacted topic; a no-op if it exists. */
    public void createCompactedTopic(String name, int partitions) {
        NewTopic topic = newTopic(name, partitions)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        create(List.of(topic));
    }

    /** Restarts the in-process broker after {@code downtime}, keeping its data and ports (not for an external cluster). */
    public void restartBroker(java.time.Duration downtime) throws InterruptedException {
        if (broker == null) {
            throw new IllegalStateException("the Kafka cluster at " + bootstrapServers + " is not ours to restart");
        }
        broker.restart(downtime.toMillis());
        LOG.info("Local Kafka broker at {} restarted after {}", bootstrapServers, downtime);
    }

    /** Stops the in-process broker and deletes its data; does nothing for an external cluster. Idempotent. */
    @Override
    public void close() {
        if (broker == null || !closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHookUnlessExiting();
        broker.stop();
        LOG.info("Local Kafka broker at {} stopped", bootstrapServers);
    }

    private static NewTopic newTopic(String name, int partitions) {
        // Replication is left to the broker's default so the same call works on a real multi-broker cluster.
        return new NewTopic(name, Optional.of(partitions), Optional.empty());
    }

    private void create(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                awaitCreated(result.getKey(), result.getValue());
            }
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> future) {
        try {
            future.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create Kafka topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating Kafka topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topic " + topic, e);
        }
    }

    private void removeShutdownHookUnlessExiting() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyExiting) {
            // The hook is running or about to; closing here as well is harmless thanks to the closed flag.
        }
    }
}
