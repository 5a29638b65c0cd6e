package cn.hrss.monitor.indicators;

/**
 * The windows every flow indicator is computed over (event time; calendar days, months and years in China
 * Standard Time). The id is what {@code indicators.period} holds.
 */
public enum Period {
    /** Clock hour; final once the watermark passes its end (corrected by late events within the allowed lateness). */
    HOUR("hour"),
    /** Calendar day; refreshed every hour while it runs. */
    DAY("day"),
    /**
     * The 24 hours ending at a clock hour; rows only where the value changes (data entering or leaving), so the value
     * at time t is the latest row with {@code window_end <= t}.
     */
    ROLLING_24H("rolling_24h"),
    /**
     * The 30 calendar days ending with the current day, refreshed every hour; like {@link #ROLLING_24H}, rows only
     * where the value changes.
     */
    ROLLING_30D("rolling_30d"),
    /** Calendar month to date, refreshed every hour. */
    MONTH("month"),
    /** Calendar year to date, refreshed every hour. */
    YEAR("year");

    public final String id;

    Period(String id) {
        this.id = id;
    }
}
