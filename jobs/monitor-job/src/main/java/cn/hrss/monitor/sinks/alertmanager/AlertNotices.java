package cn.hrss.monitor.sinks.alertmanager;

import cn.hrss.monitor.config.AlertmanagerSettings;

import cn.hrss.monitor.warnings.lifecycle.AlertStatus;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every alert Alertmanager must still hear about: firing ones (re-sent until they resolve) and resolved ones not yet
 * delivered everywhere. Built from alert transitions; the sink's checkpointed state, so nothing acknowledged by a
 * checkpoint is lost when Alertmanager or the job is down.
 */
final class AlertNotices {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final String HIDDEN_PERSON = "（人员信息已隐去，请在预警台查看）";

    private final AlertmanagerSettings settings;
    /** By {@link Notice#key}; insertion order keeps notifications in the order alerts arrived. */
    private final Map<String, Notice> notices = new LinkedHashMap<>();
    private long lastRevision;

    AlertNotices(AlertmanagerSettings settings) {
        this.settings = settings;
    }

    /** Takes in one transition; one older than what is known (a replay after recovery) changes nothing. */
    void accept(AlertTransition t, long nowMs) {
        if (t.sequence <= latestSequence(t.alertId)) {
            return;
        }
        String key = t.alertId + "/" + t.severity;
        // As in Prometheus, an alert starts when it begins to fire in this colour (the episode began a hold period
        // earlier). Alertmanager flushes a group at once for an alert older than the group's wait.
        Notice known = notices.get(key);
        long startsAt = known != null && known.firing() ? known.startsAt() : Math.min(t.updatedAt, nowMs);
        // Alertmanager resolves an alert whose endsAt has passed, and refuses endsAt before startsAt.
        long endsAt = t.status == AlertStatus.RESOLVED ? Math.max(startsAt, Math.min(t.endsAt, nowMs)) : 0;
        for (Notice other : List.copyOf(notices.values())) {
            if (other.alertId().equals(t.alertId) && !other.key().equals(key) && other.firing()) {
                // The alert changed severity: its old label set ends now (the inhibition rule mutes its resolve).
                long changedAt = Math.max(other.startsAt(), Math.min(t.updatedAt, nowMs));
                notices.put(other.key(), other.resolvedAt(changedAt, ++lastRevision, nowMs));
            }
        }
        notices.put(key, new Notice(key, t.alertId, t.sequence, ++lastRevision, labels(t), annotations(t),
                startsAt, endsAt, endsAt == 0 ? 0 : nowMs));
    }

    Collection<Notice> all() {
        return notices.values();
    }

    /** Drops a resolved notice every instance has been told about, unless it changed meanwhile. */
    void forgetIfUnchanged(Notice delivered) {
        notices.remove(delivered.key(), delivered);
    }

    /** @return resolved notices older than {@code give-up-after}, removed */
    List<Notice> expireUndelivered(long nowMs) {
        List<Notice> expired = new ArrayList<>();
        notices.values().removeIf(n -> {
            boolean stale = !n.firing() && nowMs - n.resolvedAtWallMs() > settings.giveUpAfter().toMillis();
            if (stale) {
                expired.add(n);
            }
            return stale;
        });
        return expired;
    }

    List<Notice> snapshot() {
        return List.copyOf(notices.values());
    }

    void restore(Collection<Notice> restored) {
        for (Notice n : restored) {
            Notice known = notices.get(n.key());
            if (known == null || known.sequence() < n.sequence()) {
                notices.put(n.key(), n);
            }
            lastRevision = Math.max(lastRevision, n.revision());
        }
    }

    private long latestSequence(String alertId) {
        long latest = 0;
        for (Notice n : notices.values()) {
            if (n.alertId().equals(alertId)) {
                latest = Math.max(latest, n.sequence());
            }
        }
        return latest;
    }

    private static Map<String, String> labels(AlertTransition t) {
        try {
            return JSON.readValue(t.labels, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert " + t.alertId + " has labels that are not a JSON object", e);
        }
    }

    /** Chinese texts and links; a suspicion about a person never names the person, not even by pseudonym. */
    private Map<String, String> annotations(AlertTransition t) {
        Map<String, String> a = new TreeMap<>();
        a.put("summary", t.title);
        a.put("description", t.personPseudonym.isEmpty() ? t.summary
                : t.summary.replace(t.personPseudonym, HIDDEN_PERSON));
        a.put("runbook_url", settings.runbookBaseUrl() + t.runbook);
        a.put("dashboard_url", settings.dashboardUrl());
        if (t.humanReview) {
            a.put("human_review", "疑点须人工核查，不得据此自动处置");
        }
        return a;
    }
}
