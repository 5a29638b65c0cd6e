package cn.hrss.monitor.sinks.alertmanager;

import cn.hrss.monitor.config.AlertmanagerSettings;

import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to every configured Alertmanager instance without ever blocking the stream: {@link #write} only
 * records the transition, requests are asynchronous, and their replies come back through the task's mailbox, so
 * all state is touched by the task thread alone. While an instance is unreachable its requests back off; the
 * undelivered notices wait in {@link AlertNotices}, which is checkpointed (at least once: after a restart every
 * instance is told everything again). Firing alerts are re-sent every {@code resend-interval}.
 */
final class AlertmanagerSinkWriter implements StatefulSinkWriter<AlertTransition, NoticeState> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSinkWriter.class);
    /** How often due notices and re-sends are checked: well below any sensible re-send interval. */
    private static final long TICK_MS = 1000;
    private static final int MAX_REPLY_CHARS = 300;

    private final AlertmanagerSettings settings;
    private final AlertNotices notices;
    private final List<EndpointDelivery> endpoints;
    private final AlertmanagerTransport transport;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timers;
    private final LongSupplier wallClockMs;
    private final Counter alertsSent;
    private final Counter failedRequests;

    AlertmanagerSinkWriter(AlertmanagerSettings settings, List<NoticeState> restored, AlertmanagerTransport transport,
            MailboxExecutor mailbox, ProcessingTimeService timers, SinkWriterMetricGroup metrics,
            LongSupplier wallClockMs) {
        this.settings = settings;
        this.notices = new AlertNotices(settings);
        restored.forEach(s -> notices.restore(s.notices()));
        this.endpoints = settings.urls().stream().map(u -> new EndpointDelivery(u, settings)).toList();
        this.transport = transport;
        this.mailbox = mailbox;
        this.timers = timers;
        this.wallClockMs = wallClockMs;
        this.alertsSent = metrics.counter("alertmanagerAlertsSent");
        this.failedRequests = metrics.counter("alertmanagerFailedRequests");
        metrics.gauge("alertmanagerPendingNotices", () -> notices.all().size());
        scheduleTick();
    }

    @Override
    public void write(AlertTransition transition, Context context) {
        notices.accept(transition, wallClockMs.getAsLong());
        deliverDue();
    }

    /**
     * Before a checkpoint nothing needs flushing: the undelivered notices are the checkpointed state. At the end of a
     * bounded input no timer fires again, so the rest is delivered here, waiting up to one re-send interval; the
     * replies arrive through the mailbox, which this loop lets run.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        long deadline = wallClockMs.getAsLong() + settings.resendInterval().toMillis();
        while (endOfInput && !everyInstanceUpToDate() && wallClockMs.getAsLong() < deadline) {
            deliverDue();
            if (!mailbox.tryYield()) {
                Thread.sleep(20);
            }
        }
    }

    @Override
    public List<NoticeState> snapshotState(long checkpointId) {
        return List.of(new NoticeState(notices.snapshot()));
    }

    @Override
    public void close() {}

    private void scheduleTick() {
        timers.registerTimer(timers.getCurrentProcessingTime() + TICK_MS, time -> {
            for (Notice dropped : notices.expireUndelivered(wallClockMs.getAsLong())) {
                LOG.error("Giving up resolved alert {} ({}) after {}: no Alertmanager instance acknowledged it",
                        dropped.alertId(), dropped.labels().get("alertname"), settings.giveUpAfter());
                endpoints.forEach(e -> e.forget(dropped));
            }
            deliverDue();
            scheduleTick();
        });
    }

    private void deliverDue() {
        long now = wallClockMs.getAsLong();
        for (EndpointDelivery endpoint : endpoints) {
            EndpointDelivery.Batch batch = endpoint.due(notices, now);
            if (batch.notices().isEmpty()) {
                continue;
            }
            endpoint.sending();
            transport.post(endpoint.alertsUri, PostableAlerts.encode(batch.notices(), now, settings))
                    .whenComplete((reply, error) -> {
                        try {
                            mailbox.execute(() -> settle(batch, reply, error), "Alertmanager reply");
                        } catch (RejectedExecutionException closing) {
                            // The task is shutting down; the notices stay in the checkpointed state.
                        }
                    });
        }
    }

    private void settle(EndpointDelivery.Batch batch, AlertmanagerTransport.Reply reply, Throwable error) {
        EndpointDelivery endpoint = batch.endpoint();
        long now = wallClockMs.getAsLong();
        if (reply != null && reply.accepted()) {
            endpoint.succeeded(batch, now);
            alertsSent.inc(batch.notices().size());
            for (Notice n : batch.notices()) {
                if (!n.firing() && endpoints.stream().allMatch(e -> e.acknowledged(n))) {
                    notices.forgetIfUnchanged(n);
                    endpoints.forEach(e -> e.forget(n));
                }
            }
            return;
        }
        failedRequests.inc();
        long retryIn = endpoint.failed(now);
        String why = reply != null ? "HTTP " + reply.status() + " " + abbreviate(reply.body())
                : error != null ? String.valueOf(error) : "no reply in time";
        LOG.warn("Alertmanager {} did not take {} alerts ({}); retrying in {} ms", endpoint.alertsUri,
                batch.notices().size(), why, retryIn);
    }

    private boolean everyInstanceUpToDate() {
        return notices.all().stream().allMatch(n -> endpoints.stream().allMatch(e -> e.acknowledged(n)));
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_REPLY_CHARS ? oneLine : oneLine.substring(0, MAX_REPLY_CHARS) + "…";
    }
}
