package cn.hrss.monitor.sinks.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The sink's state as JSON: a few hundred notices at most, and readable when inspecting a savepoint. */
final class NoticeStateSerializer implements SimpleVersionedSerializer<NoticeState> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(NoticeState state) throws IOException {
        return JSON.writeValueAsBytes(state);
    }

    @Override
    public NoticeState deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown Alertmanager sink state version " + version);
        }
        return JSON.readValue(serialized, NoticeState.class);
    }
}
