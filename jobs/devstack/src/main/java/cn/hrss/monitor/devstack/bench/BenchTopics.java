package cn.hrss.monitor.devstack.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** The few topic operations the benchmark needs, on whichever cluster the stack uses. */
final class BenchTopics implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    BenchTopics(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Creates the topics that do not exist yet. */
    void create(Collection<String> names, int partitions) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        names.forEach(n -> topics.add(new NewTopic(n, Optional.of(partitions), Optional.empty())));
        try {
            admin.createTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** @return records currently held by the topics (end minus beginning offsets, summed over partitions) */
    long records(Collection<String> names) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                .forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        return sum(offsets(partitions, OffsetSpec.latest())) - sum(offsets(partitions, OffsetSpec.earliest()));
    }

    /** Throws unless the topics are empty: measurements on leftovers of another run would be wrong. */
    void requireEmpty(Collection<String> names) throws Exception {
        long held = records(names);
        if (held > 0) {
            throw new IllegalStateException("the topics " + names + " already hold " + held
                    + " records; the benchmark needs empty topics (unset HRSS_KAFKA_BOOTSTRAP_SERVERS to use a fresh local broker)");
        }
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static long sum(Map<TopicPartition, ListOffsetsResultInfo> offsets) {
        return offsets.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
