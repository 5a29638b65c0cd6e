package cn.hrss.monitor.ingest;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes records inside the Kafka source reader, so the raw citizen ID is pseudonymised before the record enters
 * the Flink graph: nothing downstream (network buffers, state, checkpoints) ever holds it. Never throws: every record
 * comes out accepted or rejected with a reason.
 */
public final class IngestDeserializer implements KafkaRecordDeserializationSchema<Ingested> {
    private final PseudonymKey key;
    private final long maxFutureMillis;
    private transient RecordDecoder decoder;
    private transient Counter accepted;
    private transient Counter rejected;

    public IngestDeserializer(PseudonymKey key, long maxFutureMillis) {
        this.key = key;
        this.maxFutureMillis = maxFutureMillis;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoder = new RecordDecoder(key.resolve(), maxFutureMillis, System::currentTimeMillis);
        accepted = context.getMetricGroup().counter("ingestAccepted");
        rejected = context.getMetricGroup().counter("ingestRejected");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        Ingested result = decoder.decode(record.topic(), record.partition(), record.offset(), record.value());
        (result.isAccepted() ? accepted : rejected).inc();
        out.collect(result);
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
