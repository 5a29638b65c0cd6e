package cn.hrss.monitor.indicators;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rolling 24-hour and 30-day totals of one scope, as change points: a row is written at an hour boundary only when
 * the rolling value there differs from the one readers see (the latest row at or before that boundary). Data entering
 * and leaving the window both change it, so a sparse scope costs a few rows, not one per boundary; the value at any
 * time t is the latest row with {@code window_end <= t}.
 *
 * <pre>
 * rolling_24h at boundary B: hours in [B − 24 h, B)                  row window [B − 24 h, B)
 * rolling_30d at boundary B: hours in [day(B) − 29 days, B)          row window [day(B) − 29 days, day(B) + 1 day),
 *                            (day(B) = the CST day of the hour ending at B; refreshed rows of one day replace each other)
 * </pre>
 * Input: hourly changes (timestamp = the hour's last millisecond). A late change re-evaluates every boundary since its
 * hour, so corrected rows replace stale ones.
 */
public final class RollingTotals extends KeyedProcessFunction<String, Tallies, WindowedTallies> {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long SPAN_24H = DAY;
    private static final long SPAN_30D = 30 * DAY;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final long allowedLatenessMillis;

    /** Hour start → the hour's total; pruned once an hour can no longer enter any window (30 days + lateness). */
    private transient MapState<Long, Tallies> hours;

    /**
     * Boundary → the 24 h / 30 d row written there; only the boundaries a late change could still revise are kept
     * (the lateness plus an hour), and the latest row is always kept: it is what readers see.
     */
    private transient MapState<Long, WindowedTallies> written24h;
    private transient MapState<Long, WindowedTallies> written30d;

    public RollingTotals(Duration allowedLateness) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        hours = getRuntimeContext().getMapState(new MapStateDescriptor<>("hours", Long.class, Tallies.class));
        written24h = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("written24h", Long.class, WindowedTallies.class));
        written30d = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("written30d", Long.class, WindowedTallies.class));
    }

    @Override
    public void processElement(Tallies change, Context ctx, Collector<WindowedTallies> out) throws Exception {
        long hourStart = ctx.timestamp() + 1 - HOUR;
        Tallies hour = hours.get(hourStart);
        hours.put(hourStart, hour == null ? change.copy() : hour.add(change, 1));

        long enters = hourStart + HOUR;
        long watermark = ctx.timerService().currentWatermark();
        if (enters - 1 <= watermark) {
            // Late: every boundary since the hour entered may show a stale value.
            for (long b = enters; b - 1 <= watermark; b += HOUR) {
                evaluate(b, change, out);
            }
        } else {
            ctx.timerService().registerEventTimeTimer(enters - 1);
        }
        ctx.timerService().registerEventTimeTimer(enters + SPAN_24H - 1);
        // The hour leaves the 30-day window at the first boundary of the 30th day after its own.
        ctx.timerService().registerEventTimeTimer(dayStart(hourStart) + SPAN_30D + HOUR - 1);
        // Once no late change can touch it any more, the hour is forgotten (see prune).
        ctx.timerService().registerEventTimeTimer(hourStart + SPAN_30D + DAY + allowedLatenessMillis + HOUR - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowedTallies> out) throws Exception {
        evaluate(timestamp + 1, null, out);
        prune(timestamp + 1);
    }

    private void evaluate(long boundary, Tallies scopeSource, Collector<WindowedTallies> out) throws Exception {
        Tallies scope = scopeSource != null ? scopeSource : anyHour();
        if (scope == null) {
            return;
        }
        long dayOfBoundary = dayStart(boundary - 1);
        emitIfChanged(Period.ROLLING_24H, written24h, boundary, boundary - SPAN_24H, boundary,
                sum(scope, boundary - SPAN_24H, boundary), out);
        emitIfChanged(Period.ROLLING_30D, written30d, boundary, dayOfBoundary - SPAN_30D + DAY, dayOfBoundary + DAY,
                sum(scope, dayOfBoundary - SPAN_30D + DAY, boundary), out);
    }

    /** Writes the row of {@code boundary} if its value differs from the latest row at or before it. */
    private void emitIfChanged(Period period, MapState<Long, WindowedTallies> written, long boundary, long windowStart,
            long windowEnd, Tallies total, Collector<WindowedTallies> out) throws Exception {
        WindowedTallies shown = latestAtOrBefore(written, boundary);
        Tallies before = shown == null ? total.emptyCopyOfScope() : shown.total;
        if (equalCounters(before, total)) {
            return;
        }
        WindowedTallies w = new WindowedTallies();
        w.period = period.id;
        w.windowStart = windowStart;
        w.windowEnd = windowEnd;
        w.asOf = boundary;
        w.total = total;
        w.baseline = before;
        w.delta = total.copy().add(before, -1);
        // Rows are keyed by window start: a 30-day row refreshed within its day, or a revised boundary, replaces the
        // earlier row with the next version.
        long version = 0;
        for (WindowedTallies r : written.values()) {
            if (r.windowStart == windowStart) {
                version = Math.max(version, r.version);
            }
        }
        w.version = version + 1;
        written.put(boundary, w);
        out.collect(w);
    }

    private static WindowedTallies latestAtOrBefore(MapState<Long, WindowedTallies> written, long boundary)
            throws Exception {
        WindowedTallies latest = null;
        long latestBoundary = Long.MIN_VALUE;
        for (Map.Entry<Long, WindowedTallies> e : written.entries()) {
            if (e.getKey() <= boundary && e.getKey() > latestBoundary) {
                latestBoundary = e.getKey();
                latest = e.getValue();
            }
        }
        return latest;
    }

    private Tallies sum(Tallies scope, long from, long to) throws Exception {
        Tallies total = scope.emptyCopyOfScope();
        for (Map.Entry<Long, Tallies> e : hours.entries()) {
            if (e.getKey() >= from && e.getKey() < to) {
                total.add(e.getValue(), 1);
            }
        }
        return total;
    }

    private Tallies anyHour() throws Exception {
        for (Tallies t : hours.values()) {
            return t;
        }
        return null;
    }

    /**
     * Drops hours that left every window and written rows no late change can revise (keeping the latest, which readers
     * see). A scope whose hours are all gone and whose latest rows show zero is forgotten entirely.
     */
    private void prune(long boundary) throws Exception {
        long revisable = boundary - allowedLatenessMillis - HOUR;
        removeKeysBelow(hours, boundary - SPAN_30D - DAY - allowedLatenessMillis);
        removeKeysBelow(written24h, latestKeyBelow(written24h, revisable));
        removeKeysBelow(written30d, latestKeyBelow(written30d, revisable));
        if (hours.isEmpty() && showsZero(written24h) && showsZero(written30d)) {
            hours.clear();
            written24h.clear();
            written30d.clear();
        }
    }

    private static boolean showsZero(MapState<Long, WindowedTallies> written) throws Exception {
        WindowedTallies latest = latestAtOrBefore(written, Long.MAX_VALUE);
        return latest == null || latest.total.isZero();
    }

    private static long latestKeyBelow(MapState<Long, WindowedTallies> written, long limit) throws Exception {
        long latest = Long.MIN_VALUE;
        for (Long b : written.keys()) {
            if (b < limit && b > latest) {
                latest = b;
            }
        }
        return latest;
    }

    private static <V> void removeKeysBelow(MapState<Long, V> state, long limit) throws Exception {
        Iterator<Map.Entry<Long, V>> it = state.iterator();
        while (it.hasNext()) {
            if (it.next().getKey() < limit) {
                it.remove();
            }
        }
    }

    private static long dayStart(long millis) {
        LocalDate day = Instant.ofEpochMilli(millis).atZone(CHINA).toLocalDate();
        return day.atStartOfDay(CHINA).toInstant().toEpochMilli();
    }

    private static boolean equalCounters(Tallies a, Tallies b) {
        return a.copy().add(b, -1).isZero();
    }
}
