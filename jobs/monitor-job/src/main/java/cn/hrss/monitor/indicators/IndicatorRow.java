package cn.hrss.monitor.indicators;

import java.math.BigDecimal;

/**
 * One value of one indicator for one region, insurance type and window: a row of ClickHouse
 * {@code indicators}. The same (indicator, period, regionCode, insuranceType, windowStart) is written again
 * whenever the window is refined (hourly refresh, late event); {@link #version} grows each time, so
 * {@code ReplacingMergeTree(version)} keeps the latest and readers take it with {@code FINAL} or argMax.
 */
public class IndicatorRow {
    /** Stable indicator id, see {@link Indicator}. */
    public String indicator;
    /** Window kind, see {@link Period}. */
    public String period;
    public String regionLevel;
    public String regionCode;
    /** AAE140 code, or "" for indicators that are not per insurance type. */
    public String insuranceType;
    /** The employer's USCC for employer-level indicators, "" for regional ones. */
    public String subject = "";
    /** Window bounds, epoch ms, [start, end). */
    public long windowStart;
    public long windowEnd;
    /**
     * Event time the value is complete up to (epoch ms): every hour of the window ending at or before it is counted.
     * Equals {@link #windowEnd} once the window has closed; earlier for a window refreshed while it runs.
     */
    public long asOf;
    /** In the indicator's unit: persons, yuan (exact, two decimals), percent or months. */
    public BigDecimal value;
    /** Refinement number of this row: later versions replace earlier ones. */
    public long version;

    public IndicatorRow() {}

    @Override
    public String toString() {
        return indicator + "/" + period + "/" + regionCode + "/" + insuranceType + "/" + subject + "@" + windowStart + "=" + value
                + " v" + version;
    }
}
