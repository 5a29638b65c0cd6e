package cn.hrss.monitor.indicators;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns each firing of a window into {@link WindowedTallies}, skipping firings that changed nothing (a refresh
 * without new data), and numbering the rest so a later row replaces an earlier one.
 */
public final class EmitWindowedTallies extends ProcessWindowFunction<Tallies, WindowedTallies, String, TimeWindow> {
    private final Period period;

    /** Per window: what the previous firing emitted and its version; cleared with the window (see {@link #clear}). */
    private final ValueStateDescriptor<WindowedTallies> lastEmitted =
            new ValueStateDescriptor<>("lastEmitted", WindowedTallies.class);

    public EmitWindowedTallies(Period period) {
        this.period = period;
    }

    @Override
    public void process(String key, Context ctx, Iterable<Tallies> aggregated, Collector<WindowedTallies> out)
            throws Exception {
        Tallies total = aggregated.iterator().next();
        ValueState<WindowedTallies> last = ctx.windowState().getState(lastEmitted);
        WindowedTallies previous = last.value();
        long asOf = asOf(ctx.window(), ctx.currentWatermark());
        Tallies delta = total.copy();
        if (previous != null) {
            delta.add(previous.total, -1);
            // A firing that changes nothing is skipped, except the one that closes the window: it completes as_of.
            if (delta.isZero() && (previous.asOf >= asOf || asOf < ctx.window().getEnd())) {
                return;
            }
        }
        WindowedTallies w = new WindowedTallies();
        w.period = period.id;
        w.windowStart = ctx.window().getStart();
        w.windowEnd = ctx.window().getEnd();
        w.asOf = asOf;
        w.total = total.copy();
        w.delta = delta;
        w.baseline = previous == null ? total.emptyCopyOfScope() : previous.total;
        w.version = previous == null ? 1 : previous.version + 1;
        out.collect(w);
        WindowedTallies remembered = new WindowedTallies();
        remembered.total = w.total;
        remembered.version = w.version;
        remembered.asOf = w.asOf;
        last.update(remembered);
    }

    /** The event time a firing is complete up to: the watermark, within the window (the final watermark is MAX). */
    private static long asOf(TimeWindow window, long watermark) {
        long next = watermark == Long.MAX_VALUE ? Long.MAX_VALUE : watermark + 1;
        return Math.max(window.getStart(), Math.min(window.getEnd(), next));
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(lastEmitted).clear();
    }
}
