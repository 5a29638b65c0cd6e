package cn.hrss.monitor.sinks.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of an output topic: a key, a JSON value, and no record timestamp of our own. The stream's timestamps are
 * event time — for alerts resolved by a timer possibly hours ahead of the wall clock, which brokers refuse — so the
 * producer's clock stamps the record, as for any other message.
 */
public final class KeyedJsonRecords<T> implements KafkaRecordSerializationSchema<T> {
    private final String topic;
    private final SerializableFunction<T, byte[]> key;
    private final SerializationSchema<T> value;

    public KeyedJsonRecords(String topic, SerializableFunction<T, byte[]> key, SerializationSchema<T> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        value.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null, key.apply(element), value.serialize(element));
    }
}
