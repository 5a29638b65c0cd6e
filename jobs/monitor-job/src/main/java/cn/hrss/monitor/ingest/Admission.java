package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.Event;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The last step of ingestion, keyed by event id: rejects events too late for their windows, then repeats of an
 * accepted event id. Every accepted event is counted by every window it belongs to; everything else is rejected
 * with a reason, never silently dropped.
 *
 * <p>Lateness is judged here, after the shuffle, not at the source: this operator's watermark is the combined one the
 * windows downstream see (never ahead of it), so "not too late here" means "accepted by the windows" — also when a
 * partition that was idle comes back with old records while the others moved on.
 */
public final class Admission extends KeyedProcessFunction<String, Event, Event> {
    private final long allowedLatenessMillis;
    private final Duration dedupHorizon;

    /**
     * Expired ids visited by the incremental cleanup per state access. An accepted event accesses the state twice and
     * adds one id, so a pass over n ids ends after at most n / 4 new ones: ids live at most a third of a horizon past
     * their expiry, and state stays below 1⅓ horizons of ids. Flink's default (5) keeps it nearer one horizon, but its
     * visitor alone took some 5 % of the job's CPU.
     */
    private static final int CLEANUP_PER_ACCESS = 2;

    /**
     * Marks an event id as accepted. TTL = the dedup horizon (processing time); expired ids are removed by the
     * incremental cleanup (see {@link #CLEANUP_PER_ACCESS}) and dropped during full snapshots.
     */
    private transient ValueState<Boolean> accepted;

    public Admission(Duration allowedLateness, Duration dedupHorizon) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.dedupHorizon = dedupHorizon;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("accepted", Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(dedupHorizon)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(CLEANUP_PER_ACCESS, false)
                .cleanupFullSnapshot()
                .build());
        accepted = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && e.occurredAt + allowedLatenessMillis <= watermark) {
            ctx.output(Rejections.TAG, Rejections.of(e, RejectReason.TOO_LATE, "occurredAt",
                    "older than the watermark by more than the allowed lateness"));
            return;
        }
        if (accepted.value() != null) {
            ctx.output(Rejections.TAG, Rejections.of(e, RejectReason.DUPLICATE_EVENT, "eventId",
                    "event id already accepted within the dedup horizon"));
            return;
        }
        accepted.update(Boolean.TRUE);
        out.collect(e);
    }
}
