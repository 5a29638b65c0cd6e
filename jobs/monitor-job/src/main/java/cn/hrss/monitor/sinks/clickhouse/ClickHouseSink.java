package cn.hrss.monitor.sinks.clickhouse;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.concurrent.ExecutorThreadFactory;

/**
 * At-least-once Flink sink into one ClickHouse table, see {@link ClickHouseSinkWriter}. Usage:
 * {@code stream.sinkTo(new ClickHouseSink<>(ClickHouseSinkSettings.of(endpoint, "events"), new EventRowBinary()))}.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final ClickHouseSinkSettings settings;
    private final RowFormat<T> format;

    /** Rows as JSONEachRow lines written by {@code encoder}. */
    public ClickHouseSink(ClickHouseSinkSettings settings, RowEncoder<T> encoder) {
        this(settings, RowFormat.jsonEachRow(Objects.requireNonNull(encoder, "encoder")));
    }

    public ClickHouseSink(ClickHouseSinkSettings settings, RowFormat<T> format) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new ClickHouseSinkWriter<>(settings, format,
                new ClickHouseHttpInserter(settings.endpoint(), settings.table(), format),
                Executors.newSingleThreadExecutor(new ExecutorThreadFactory("clickhouse-insert-" + settings.table())),
                context.getProcessingTimeService(), context.metricGroup(), System::currentTimeMillis,
                Thread::sleep);
    }

    public ClickHouseSinkSettings settings() {
        return settings;
    }
}
