package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** {@link AlertTransition} → a row of {@code alert_events} (004_alerts.sql), keyed by (alert_id, sequence). */
public final class AlertTransitionEncoder implements RowEncoder<AlertTransition> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(AlertTransition t, JsonGenerator json) throws IOException {
        json.writeStartObject();
        JsonEachRow.string(json, "alert_id", t.alertId);
        json.writeNumberField("sequence", t.sequence);
        JsonEachRow.string(json, "transition", t.transition.name());
        JsonEachRow.string(json, "previous_severity", t.previousSeverity);
        AlertColumns.writeDescription(t, json);
        json.writeEndObject();
    }
}
