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
 * Keyed by event id: the first record with an id passes, repeats within the horizon are rejected as duplicates.
 * Producers retry and batch systems re-send; counting such a record twice would double money sums.
 */
public final class DropDuplicates extends KeyedProcessFunction<String, Event, Event> {
    private final Duration horizon;

    /**
     * Marks an event id as seen. TTL = the dedup horizon (processing time), so state holds at most the ids of one
     * horizon; expired entries are also dropped during full snapshots and RocksDB compaction.
     */
    private transient ValueState<Boolean> seen;

    public DropDuplicates(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupFullSnapshot()
                .build());
        seen = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        if (seen.value() != null) {
            ctx.output(Rejections.TAG, Rejections.of(e, RejectReason.DUPLICATE_EVENT, "eventId",
                    "event id already accepted within the dedup horizon"));
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(e);
    }
}
