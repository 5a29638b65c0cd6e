package cn.hrss.monitor.sinks.kafka;

import cn.hrss.monitor.ingest.RejectedRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** A rejected record as one JSON object on the dead-letter topic (already masked; see {@link RejectedRecord}). */
public final class DeadLetterSerializer implements SerializationSchema<RejectedRecord> {
    private transient ObjectMapper mapper;

    @Override
    public byte[] serialize(RejectedRecord record) {
        if (mapper == null) {
            mapper = new ObjectMapper();
        }
        try {
            return mapper.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise rejection " + record, e);
        }
    }

    /** Keyed by source coordinates, so re-sent rejections of one record land in one partition. */
    public static byte[] key(RejectedRecord record) {
        return (record.topic + "/" + record.partition + "/" + record.offset).getBytes(StandardCharsets.UTF_8);
    }
}
