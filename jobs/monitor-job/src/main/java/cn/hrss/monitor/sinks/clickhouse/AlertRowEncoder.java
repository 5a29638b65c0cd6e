package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * {@link AlertTransition} → a row of {@code alerts} (004_alerts.sql): the alert's state after this transition.
 * ReplacingMergeTree(sequence) keeps the row of the highest {@code sequence} per alert id.
 */
public final class AlertRowEncoder implements RowEncoder<AlertTransition> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(AlertTransition t, JsonGenerator json) throws IOException {
        json.writeStartObject();
        JsonEachRow.string(json, "alert_id", t.alertId);
        JsonEachRow.string(json, "last_transition", t.transition.name());
        AlertColumns.writeDescription(t, json);
        json.writeNumberField("sequence", t.sequence);
        json.writeEndObject();
    }
}
