package cn.hrss.monitor.sinks.alertmanager;

import cn.hrss.monitor.config.AlertmanagerSettings;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Alertmanager instance has been told, and when to tell it again. Not checkpointed: after a restart every
 * instance is told everything once more, which Alertmanager treats as the same alerts (labels identify them).
 */
final class EndpointDelivery {
    private static final long FIRST_BACKOFF_MS = 500;

    final URI alertsUri;
    private final AlertmanagerSettings settings;
    /** Revision of each notice this instance acknowledged, by notice key. */
    private final Map<String, Long> acknowledged = new HashMap<>();
    private long nextResendAtMs;
    private long nextAttemptAtMs;
    private long backoffMs;
    private boolean inFlight;

    EndpointDelivery(URI baseUrl, AlertmanagerSettings settings) {
        this.alertsUri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/api/v2/alerts");
        this.settings = settings;
    }

    /** One request to this instance. {@code resendAll}: it carries every firing alert (the periodic re-send). */
    record Batch(EndpointDelivery endpoint, List<Notice> notices, boolean resendAll) {}

    /**
     * @return what to send now: notices changed since this instance acknowledged them, plus every firing notice
     *     when the re-send interval is up; nothing while a request is in flight or during backoff
     */
    Batch due(AlertNotices notices, long nowMs) {
        if (inFlight || nowMs < nextAttemptAtMs) {
            return new Batch(this, List.of(), false);
        }
        boolean resendAll = nowMs >= nextResendAtMs;
        List<Notice> due = new ArrayList<>();
        for (Notice n : notices.all()) {
            if (!acknowledged(n) || (resendAll && n.firing())) {
                due.add(n);
            }
        }
        return new Batch(this, due, resendAll);
    }

    void sending() {
        inFlight = true;
    }

    void succeeded(Batch sent, long nowMs) {
        inFlight = false;
        backoffMs = 0;
        nextAttemptAtMs = 0;
        sent.notices().forEach(n -> acknowledged.put(n.key(), n.revision()));
        if (sent.resendAll()) {
            nextResendAtMs = nowMs + settings.resendInterval().toMillis();
        }
    }

    /** Exponential backoff from half a second to {@code max-backoff}. */
    long failed(long nowMs) {
        inFlight = false;
        backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(backoffMs * 2, settings.maxBackoff().toMillis());
        nextAttemptAtMs = nowMs + backoffMs;
        return backoffMs;
    }

    boolean acknowledged(Notice n) {
        Long ack = acknowledged.get(n.key());
        return ack != null && ack == n.revision();
    }

    void forget(Notice n) {
        acknowledged.remove(n.key());
    }
}
