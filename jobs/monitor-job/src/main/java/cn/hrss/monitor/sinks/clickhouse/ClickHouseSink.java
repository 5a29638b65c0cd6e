package cn.hrss.monitor.sinks.clickhouse;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * At-least-once Flink sink into one ClickHouse table, see {@link ClickHouseSinkWriter}. Usage:
 * {@code stream.sinkTo(new ClickHouseSink<>(ClickHouseSinkSettings.of(endpoint, "events"), new EventRowEncoder()))}.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final ClickHouseSinkSettings settings;
    private final RowEncoder<T> encoder;

    public ClickHouseSink(ClickHouseSinkSettings settings, RowEncoder<T> encoder) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new ClickHouseSinkWriter<>(settings, encoder,
                new ClickHouseHttpInserter(settings.endpoint(), settings.table()),
                context.getProcessingTimeService(), context.metricGroup(), System::currentTimeMillis,
                Thread::sleep);
    }

    public ClickHouseSinkSettings settings() {
        return settings;
    }
}
