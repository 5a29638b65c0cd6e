package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The columns {@code alerts} and {@code alert_events} (004_alerts.sql) share: what the alert is and says. */
final class AlertColumns {
    private AlertColumns() {}

    static void writeDescription(AlertTransition t, JsonGenerator json) throws IOException {
        JsonEachRow.string(json, "rule_id", t.ruleId);
        json.writeNumberField("rule_version", t.ruleVersion);
        JsonEachRow.string(json, "kind", t.kind);
        JsonEachRow.string(json, "status", t.status.name());
        JsonEachRow.string(json, "severity", t.severity);
        JsonEachRow.string(json, "region_code", t.regionCode);
        JsonEachRow.string(json, "region_name", t.regionName);
        JsonEachRow.string(json, "insurance_type", t.insuranceType);
        JsonEachRow.string(json, "employer_uscc", t.employerUscc);
        JsonEachRow.string(json, "person_pseudonym", t.personPseudonym);
        JsonEachRow.string(json, "source", t.source);
        JsonEachRow.string(json, "scope_key", t.scopeKey);
        JsonEachRow.string(json, "title", t.title);
        JsonEachRow.string(json, "summary", t.summary);
        JsonEachRow.string(json, "evidence", t.evidence);
        JsonEachRow.string(json, "runbook", t.runbook);
        JsonEachRow.string(json, "labels", t.labels);
        json.writeNumberField("human_review", t.humanReview ? 1 : 0);
        JsonEachRow.dateTime(json, "starts_at", t.startsAt);
        JsonEachRow.dateTime(json, "updated_at", t.updatedAt);
        JsonEachRow.dateTime(json, "ends_at", t.endsAt);
    }
}
