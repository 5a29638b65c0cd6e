package cn.hrss.monitor.sinks.kafka;

import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * An alert transition as one JSON object on the {@code alerts} topic: the fields of {@link AlertTransition} by
 * their Java names (times in epoch ms), with {@code evidence} and {@code labels} as nested objects rather than
 * text, so consumers (notifications, consoles) read them without a second parse.
 */
public final class AlertSerializer implements SerializationSchema<AlertTransition> {
    private transient ObjectMapper mapper;

    @Override
    public byte[] serialize(AlertTransition transition) {
        if (mapper == null) {
            mapper = new ObjectMapper();
        }
        try {
            ObjectNode json = mapper.valueToTree(transition);
            json.set("evidence", mapper.readTree(transition.evidence));
            json.set("labels", mapper.readTree(transition.labels));
            return mapper.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise alert " + transition, e);
        }
    }

    /** Keyed by alert id: all transitions of an alert land in one partition, in order. */
    public static byte[] key(AlertTransition transition) {
        return transition.alertId.getBytes(StandardCharsets.UTF_8);
    }
}
