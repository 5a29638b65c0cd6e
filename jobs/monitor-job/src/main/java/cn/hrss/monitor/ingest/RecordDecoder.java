package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.reference.RegionDirectory;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * One raw record with its coordinates → {@link Ingested}: accepted (validated, pseudonymised) or rejected with a
 * reason and a masked payload. Never throws. Used by the Kafka source and by anything else that ingests records.
 * Not thread-safe (one per subtask).
 */
public final class RecordDecoder {
    static final int MAX_PAYLOAD_CHARS = 2048;
    private final EventDecoder decoder;
    private final LongSupplier clock;

    public RecordDecoder(byte[] pseudonymKey, long maxFutureMillis, LongSupplier clock) {
        this.decoder = new EventDecoder(RegionDirectory.loadDefault(), new Pseudonymiser(pseudonymKey), maxFutureMillis,
                clock);
        this.clock = clock;
    }

    public Ingested decode(String topic, int partition, long offset, byte[] value) {
        try {
            Event event = decoder.decode(value);
            event.kafkaTopic = topic;
            event.kafkaPartition = partition;
            event.kafkaOffset = offset;
            return Ingested.accepted(event);
        } catch (Rejection r) {
            RejectedRecord rr = new RejectedRecord();
            rr.topic = topic;
            rr.partition = partition;
            rr.offset = offset;
            rr.rejectedAt = clock.getAsLong();
            rr.reason = r.reason.code;
            rr.field = PayloadMasker.mask(r.field.getBytes(StandardCharsets.UTF_8), 64);
            rr.detail = r.getMessage();
            rr.eventId = PayloadMasker.mask(r.eventId.getBytes(StandardCharsets.UTF_8), 64);
            rr.maskedPayload = PayloadMasker.mask(value, MAX_PAYLOAD_CHARS);
            return Ingested.rejected(rr);
        }
    }
}
