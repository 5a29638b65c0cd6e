package cn.hrss.monitor.indicators;

import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a window at its end and, during the last {@code refreshSpan} of it, each time the watermark passes an
 * element's timestamp, so long windows fed hourly tallies show their running value every hour. A late element
 * re-fires a window the watermark has already passed: the correction replaces the earlier row.
 *
 * <p>With a span of 0 it behaves like {@code EventTimeTrigger}; with the window's length, every update fires. A sliding
 * 30-day window uses a one-day span, so only the window ending today refreshes, not the 29 that end in the future.
 */
public final class RefreshTrigger extends Trigger<Object, TimeWindow> {
    private final long refreshSpanMillis;

    private RefreshTrigger(long refreshSpanMillis) {
        this.refreshSpanMillis = refreshSpanMillis;
    }

    public static RefreshTrigger atEnd() {
        return new RefreshTrigger(0);
    }

    public static RefreshTrigger duringLast(long spanMillis) {
        return new RefreshTrigger(spanMillis);
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
        long end = window.maxTimestamp();
        long fireAt = Math.min(end, Math.max(timestamp, end - refreshSpanMillis));
        if (fireAt <= ctx.getCurrentWatermark()) {
            return TriggerResult.FIRE;
        }
        ctx.registerEventTimeTimer(fireAt);
        // And at the end, so a window refreshed along the way also fires once complete.
        ctx.registerEventTimeTimer(end);
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        // Later timers of this window are the window operator's own clean-up timer, not ours.
        return time <= window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
    }

    @Override
    public String toString() {
        return "RefreshTrigger(" + refreshSpanMillis + "ms)";
    }
}
