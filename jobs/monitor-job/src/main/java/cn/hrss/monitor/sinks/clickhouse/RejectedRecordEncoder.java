package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.ingest.RejectedRecord;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** {@link RejectedRecord} → a row of {@code rejected_events} (003_rejected_events.sql). */
public final class RejectedRecordEncoder implements RowEncoder<RejectedRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(RejectedRecord r, JsonGenerator json) throws IOException {
        json.writeStartObject();
        JsonEachRow.string(json, "topic", r.topic);
        json.writeNumberField("kafka_partition", r.partition);
        json.writeNumberField("kafka_offset", r.offset);
        JsonEachRow.dateTime(json, "rejected_at", r.rejectedAt);
        JsonEachRow.string(json, "reason", r.reason);
        JsonEachRow.string(json, "field", r.field);
        JsonEachRow.string(json, "detail", r.detail);
        JsonEachRow.string(json, "event_id", r.eventId);
        JsonEachRow.string(json, "masked_payload", r.maskedPayload);
        json.writeEndObject();
    }
}
