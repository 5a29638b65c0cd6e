package cn.hrss.monitor.warnings.patterns;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns the refreshed rows of one indicator series (keyed by scope) into one closed value per period, in period order:
 * the input of "N consecutive periods" rules.
 *
 * <p>A period closes when the watermark passes its end, not when a row with {@code asOf == windowEnd} arrives: rows
 * are emitted only when a value changes, so a window whose last change came before its final hour never gets such a
 * row. Every row of a window carries the window's end as its timestamp and is emitted before the watermark that
 * passes it, so when the watermark passes the end all on-time refreshes have been seen; the highest version is the
 * period's value. Rows arriving after that (a correction from an event within the allowed lateness) are not judged
 * again: a period is judged once, and patterns downstream have moved on.
 *
 * <p>A period without any row (no outflow, so no ratio; a day without registrations) is invisible unless asked for:
 * a subclass that returns true from {@link #onClosed} gets the following period closed even if no row comes, with a
 * null value, so a condition that holds is cleared when the data stops.
 */
public abstract class ClosingPeriods<OUT> extends KeyedBroadcastProcessFunction<String, IndicatorRow, RuleDefinition, OUT> {
    protected final LiveRules live;

    /** Latest version of each window not yet closed, by window end (one or two entries: state is freed on close). */
    private transient MapState<Long, IndicatorRow> open;
    /** The last closed period: where the next one starts, and what a period without rows is about. */
    private transient ValueState<IndicatorRow> lastClosed;

    protected ClosingPeriods(LiveRules live) {
        this.live = live;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        open = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-periods", Long.class, IndicatorRow.class));
        lastClosed = getRuntimeContext().getState(new ValueStateDescriptor<>("last-closed-period", IndicatorRow.class));
    }

    @Override
    public void processElement(IndicatorRow row, ReadOnlyContext ctx, Collector<OUT> out) throws Exception {
        IndicatorRow closed = lastClosed.value();
        boolean judged = closed != null && row.windowEnd <= closed.windowEnd;
        if (judged || row.windowEnd - 1 <= ctx.currentWatermark()) {
            return;
        }
        IndicatorRow known = open.get(row.windowEnd);
        if (known != null && known.version >= row.version) {
            return; // an older refresh overtaken by a newer one
        }
        open.put(row.windowEnd, row);
        ctx.timerService().registerEventTimeTimer(row.windowEnd - 1);
        onRefreshed(row, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        long end = timestamp + 1;
        IndicatorRow previous = lastClosed.value();
        IndicatorRow row = open.get(end);
        if (row != null) {
            open.remove(end);
        } else if (previous != null && PeriodWindows.followingEnd(previous.period, previous.windowEnd) == end) {
            row = withoutRows(previous, end);
        } else {
            return;
        }
        lastClosed.update(row);
        if (onClosed(row, previous, ctx, out)) {
            ctx.timerService().registerEventTimeTimer(PeriodWindows.followingEnd(row.period, row.windowEnd) - 1);
        }
    }

    @Override
    public void processBroadcastElement(RuleDefinition update, Context ctx, Collector<OUT> out) throws Exception {
        live.apply(update, ctx.getBroadcastState(LiveRules.STATE));
    }

    /** A refresh of a period still running (optional: rules that may fire before the period ends). */
    protected void onRefreshed(IndicatorRow row, ReadOnlyContext ctx, Collector<OUT> out) throws Exception {}

    /**
     * @param closed the period's final row; {@code value} is null when it had no row at all
     * @param previous the period closed before it, or null for the first; periods between the two had no rows
     * @return whether the following period must be closed even if it brings no row
     */
    protected abstract boolean onClosed(IndicatorRow closed, IndicatorRow previous, ReadOnlyContext ctx, Collector<OUT> out)
            throws Exception;

    private static IndicatorRow withoutRows(IndicatorRow previous, long end) {
        IndicatorRow r = new IndicatorRow();
        r.indicator = previous.indicator;
        r.period = previous.period;
        r.regionLevel = previous.regionLevel;
        r.regionCode = previous.regionCode;
        r.insuranceType = previous.insuranceType;
        r.subject = previous.subject;
        r.windowStart = previous.windowEnd;
        r.windowEnd = end;
        r.asOf = end;
        r.value = null;
        return r;
    }
}
