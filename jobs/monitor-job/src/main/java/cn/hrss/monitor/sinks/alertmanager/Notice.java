package cn.hrss.monitor.sinks.alertmanager;

import java.util.Map;

/**
 * One alert as Alertmanager knows it: one label set. An alert whose severity changes becomes a new label set in
 * Alertmanager, so each (alert id, severity) is its own notice and the previous severity's notice is resolved.
 *
 * @param key {@code alertId/severity}
 * @param sequence the alert's transition this notice reflects (later transitions replace it, replays are ignored)
 * @param revision increases with every change, so each Alertmanager instance knows what it has not yet been told
 * @param labels Alertmanager's identity of the alert; no personal data (see AlertDescriptions)
 * @param annotations Chinese summary and description, runbook and dashboard links; no personal data
 * @param startsAt epoch ms the alert began to fire with this severity
 * @param endsAt epoch ms it resolved; 0 while firing
 * @param resolvedAtWallMs wall-clock ms this notice was resolved here (for {@code give-up-after}); 0 while firing
 */
record Notice(String key, String alertId, long sequence, long revision, Map<String, String> labels,
        Map<String, String> annotations, long startsAt, long endsAt, long resolvedAtWallMs) {

    boolean firing() {
        return endsAt == 0;
    }

    Notice resolvedAt(long endsAtMs, long revision, long nowMs) {
        return new Notice(key, alertId, sequence, revision, labels, annotations, startsAt, endsAtMs, nowMs);
    }
}
