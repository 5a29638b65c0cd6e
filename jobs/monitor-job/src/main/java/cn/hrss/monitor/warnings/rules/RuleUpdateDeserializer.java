package cn.hrss.monitor.warnings.rules;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads published rules from the compacted rules topic. A record that is not a valid rule is logged and skipped:
 * {@code bin/rules publish} validates before writing, so this only guards against foreign writers.
 */
public final class RuleUpdateDeserializer implements KafkaRecordDeserializationSchema<RuleDefinition> {
    private static final Logger LOG = LoggerFactory.getLogger(RuleUpdateDeserializer.class);

    @Override
    public void open(DeserializationSchema.InitializationContext context) {}

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleDefinition> out) {
        if (record.value() == null) {
            return; // a tombstone: rules are never deleted while the job runs, only replaced
        }
        try {
            out.collect(RuleJson.fromJson(new String(record.value(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            LOG.error("skipping an invalid rule at {}/{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public TypeInformation<RuleDefinition> getProducedType() {
        return TypeInformation.of(RuleDefinition.class);
    }
}
