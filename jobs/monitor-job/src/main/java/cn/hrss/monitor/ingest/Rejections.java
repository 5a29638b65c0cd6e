package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.Event;
import org.apache.flink.util.OutputTag;

/** The side output every ingestion step sends its rejections to, and how an accepted event becomes a rejection. */
public final class Rejections {
    public static final OutputTag<RejectedRecord> TAG = new OutputTag<>("rejected") {};

    private Rejections() {}

    /** A rejection of an already decoded event (duplicate, too late): its fields are safe, its payload a summary. */
    static RejectedRecord of(Event e, RejectReason reason, String field, String detail) {
        RejectedRecord r = new RejectedRecord();
        r.topic = e.kafkaTopic;
        r.partition = e.kafkaPartition;
        r.offset = e.kafkaOffset;
        r.rejectedAt = System.currentTimeMillis();
        r.reason = reason.code;
        r.field = field;
        r.detail = detail;
        r.eventId = e.eventId;
        r.maskedPayload = e.type.wireName + " region=" + e.regionCode + " occurredAt(ms)=" + e.occurredAt;
        return r;
    }
}
