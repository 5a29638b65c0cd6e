package cn.hrss.monitor.job;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.ingest.IngestDeserializer;
import cn.hrss.monitor.ingest.IngestWatermarks;
import cn.hrss.monitor.ingest.PseudonymKey;
import cn.hrss.monitor.ingest.Ingested;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleUpdateDeserializer;
import cn.hrss.monitor.warnings.rules.RuleUpdateWatermarks;
import java.util.List;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * One Kafka source over all family topics. Records are decoded and pseudonymised inside the source reader, and
 * watermarks are generated per partition there, so an idle partition is detected where it is idle.
 */
public final class KafkaMonitorSources implements MonitorSources {
    private final MonitorConfig config;
    private final boolean bounded;

    /**
     * @param bounded stop at the offsets that are latest when the job starts: replays, backfills and tests, where
     *     the end of input closes every window
     */
    public KafkaMonitorSources(MonitorConfig config, boolean bounded) {
        this.config = config;
        this.bounded = bounded;
    }

    @Override
    public DataStream<Ingested> ingested(StreamExecutionEnvironment env) {
        var builder = KafkaSource.<Ingested>builder()
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setTopics(List.copyOf(config.kafka().topics().values()))
                .setGroupId(config.kafka().groupId())
                // First start reads from the beginning; restarts resume from the checkpoint (offsets live in state).
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new IngestDeserializer(new PseudonymKey(config.ingest().pseudonymKey()), config.ingest().maxFuture().toMillis()))
                .setProperty("partition.discovery.interval.ms", "60000");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        KafkaSource<Ingested> source = builder.build();
        return env.fromSource(source,
                        IngestWatermarks.strategy(config.ingest().maxOutOfOrderness(), config.ingest().sourceIdleTimeout()),
                        "kafka-events")
                .uid("kafka-events");
    }

    /** The compacted rules topic, always read from its beginning: the latest version of each rule wins. */
    @Override
    public DataStream<RuleDefinition> ruleUpdates(StreamExecutionEnvironment env) {
        var builder = KafkaSource.<RuleDefinition>builder()
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setTopics(config.kafka().rulesTopic())
                .setGroupId(config.kafka().groupId() + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RuleUpdateDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), RuleUpdateWatermarks.strategy(), "kafka-rules")
                .setParallelism(1)
                .uid("kafka-rules");
    }
}
