package cn.hrss.monitor.sinks.alertmanager;

import cn.hrss.monitor.config.AlertmanagerSettings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v2/alerts}: Alertmanager's {@code postableAlerts} (api/v2/openapi.yaml). */
final class PostableAlerts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostableAlerts() {}

    /**
     * A firing alert is sent with {@code endsAt = now + validFor}: Alertmanager keeps it firing that long and resolves
     * it by itself if the re-sends stop. A resolved one carries its resolution time, which has passed.
     */
    static byte[] encode(List<Notice> notices, long nowMs, AlertmanagerSettings settings) {
        List<Map<String, Object>> alerts = new ArrayList<>(notices.size());
        for (Notice n : notices) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("labels", n.labels());
            a.put("annotations", n.annotations());
            a.put("startsAt", Instant.ofEpochMilli(n.startsAt()).toString());
            long endsAt = n.firing() ? nowMs + settings.validFor().toMillis() : n.endsAt();
            a.put("endsAt", Instant.ofEpochMilli(endsAt).toString());
            a.put("generatorURL", settings.dashboardUrl());
            alerts.add(a);
        }
        try {
            return JSON.writeValueAsBytes(alerts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings are always JSON", e);
        }
    }
}
