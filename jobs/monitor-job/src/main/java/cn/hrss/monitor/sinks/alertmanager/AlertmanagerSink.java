package cn.hrss.monitor.sinks.alertmanager;

import cn.hrss.monitor.config.AlertmanagerSettings;

import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Alert notifications to Prometheus Alertmanager (v2 API), see {@link AlertmanagerSinkWriter}. Run it with parallelism
 * 1: alerts are few, and one writer sends each instance one batch at a time.
 */
public final class AlertmanagerSink
        implements Sink<AlertTransition>, SupportsWriterState<AlertTransition, NoticeState> {
    private static final long serialVersionUID = 1L;

    private final AlertmanagerSettings settings;

    public AlertmanagerSink(AlertmanagerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public StatefulSinkWriter<AlertTransition, NoticeState> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<AlertTransition, NoticeState> restoreWriter(
            WriterInitContext context, Collection<NoticeState> restored) {
        return new AlertmanagerSinkWriter(settings, List.copyOf(restored), AlertmanagerTransport.http(settings.basicAuthorization()),
                context.getMailboxExecutor(), context.getProcessingTimeService(), context.metricGroup(),
                System::currentTimeMillis);
    }

    @Override
    public SimpleVersionedSerializer<NoticeState> getWriterStateSerializer() {
        return new NoticeStateSerializer();
    }
}
