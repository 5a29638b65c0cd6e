package cn.hrss.monitor.testing;

import cn.hrss.monitor.indicators.IndicatorRow;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Indicator rows as a reader sees them after ReplacingMergeTree: the highest version per row key. */
public final class LatestRows {
    private final Map<String, IndicatorRow> byKey = new HashMap<>();

    public LatestRows(List<IndicatorRow> rows) {
        for (IndicatorRow r : rows) {
            byKey.merge(key(r.indicator, r.period, r.regionCode, r.insuranceType, r.windowStart, r.subject), r,
                    (a, b) -> a.version >= b.version ? a : b);
        }
    }

    public static String key(
            String indicator, String period, String region, String insurance, long windowStart, String subject) {
        return indicator + "|" + period + "|" + region + "|" + insurance + "|" + windowStart + "|" + subject;
    }

    /** @return the latest value, or null if no such row */
    public BigDecimal value(String indicator, String period, String region, String insurance, long windowStart) {
        IndicatorRow r = row(indicator, period, region, insurance, windowStart, "");
        return r == null ? null : r.value;
    }

    public IndicatorRow row(String indicator, String period, String region, String insurance, long windowStart) {
        return row(indicator, period, region, insurance, windowStart, "");
    }

    public IndicatorRow row(
            String indicator, String period, String region, String insurance, long windowStart, String subject) {
        return byKey.get(key(indicator, period, region, insurance, windowStart, subject));
    }

    public int size() {
        return byKey.size();
    }
}
