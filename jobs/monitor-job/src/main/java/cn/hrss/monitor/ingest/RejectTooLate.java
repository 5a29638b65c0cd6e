package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.Event;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rejects events older than the watermark by more than the allowed lateness. Windows accept exactly the events that
 * pass here (their lateness is the same setting), so a late event is either counted in every window it belongs to or
 * rejected with a reason; never silently dropped by a window.
 */
public final class RejectTooLate extends ProcessFunction<Event, Event> {
    private final long allowedLatenessMillis;

    public RejectTooLate(long allowedLatenessMillis) {
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && e.occurredAt + allowedLatenessMillis <= watermark) {
            ctx.output(Rejections.TAG, Rejections.of(e, RejectReason.TOO_LATE, "occurredAt",
                    "older than the watermark by more than the allowed lateness"));
        } else {
            out.collect(e);
        }
    }
}
