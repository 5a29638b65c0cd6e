package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.Event;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
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
 *
 * <p>Watermarks are not part of a checkpoint: after a failover the watermark starts from nothing again. Judged against
 * that, the records replayed before the first new watermark would all pass, also those rejected as too late before
 * the failure. So the highest watermark seen is checkpointed here, and lateness is judged against it until the live
 * watermark passes it: a replay decides as strictly as the first run did up to its checkpoint.
 */
public final class Admission extends KeyedProcessFunction<String, Event, Event> implements CheckpointedFunction {
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
    /** Operator state: this subtask's highest watermark at the checkpoint (one value; the max is taken on restore). */
    private transient ListState<Long> checkpointedWatermark;
    private long highestWatermark = Long.MIN_VALUE;

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
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointedWatermark = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("highest-watermark", Long.class));
        for (Long restored : checkpointedWatermark.get()) {
            highestWatermark = Math.max(highestWatermark, restored);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointedWatermark.update(List.of(highestWatermark));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        highestWatermark = Math.max(highestWatermark, ctx.timerService().currentWatermark());
        long watermark = highestWatermark;
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
