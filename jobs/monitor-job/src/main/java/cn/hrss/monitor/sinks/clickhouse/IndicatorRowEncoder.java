package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.indicators.IndicatorRow;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * {@link IndicatorRow} → a row of {@code indicators} (002_indicators.sql). {@code written_at} is the wall-clock
 * time of encoding: it tells readers how fresh a value is and takes no part in deduplication ({@code version} does).
 */
public final class IndicatorRowEncoder implements RowEncoder<IndicatorRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(IndicatorRow r, JsonGenerator json) throws IOException {
        json.writeStartObject();
        JsonEachRow.string(json, "indicator", r.indicator);
        JsonEachRow.string(json, "period", r.period);
        JsonEachRow.string(json, "region_level", r.regionLevel);
        JsonEachRow.string(json, "region_code", r.regionCode);
        JsonEachRow.string(json, "insurance_type", r.insuranceType);
        JsonEachRow.string(json, "subject", r.subject);
        JsonEachRow.dateTime(json, "window_start", r.windowStart);
        JsonEachRow.dateTime(json, "window_end", r.windowEnd);
        JsonEachRow.dateTime(json, "as_of", r.asOf);
        JsonEachRow.decimal(json, "value", r.value, 4);
        json.writeNumberField("version", r.version);
        JsonEachRow.dateTime(json, "written_at", System.currentTimeMillis());
        json.writeEndObject();
    }
}
