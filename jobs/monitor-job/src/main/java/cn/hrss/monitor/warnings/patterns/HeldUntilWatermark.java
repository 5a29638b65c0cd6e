package cn.hrss.monitor.warnings.patterns;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Keyed state that holds elements until the watermark passes their timestamp, so that a keyed function can handle
 * them in event-time order whatever order they arrived in. Each held timestamp has one event-time timer; the owning
 * function's {@code onTimer} takes the elements back with {@link #release}. State holds only what the watermark has
 * not yet passed.
 */
public final class HeldUntilWatermark<T> {
    private final MapState<Long, List<T>> held;

    /** @param name the state's name, unique within the owning function */
    public HeldUntilWatermark(RuntimeContext runtime, String name, TypeInformation<T> type) {
        held = runtime.getMapState(new MapStateDescriptor<>(name, Types.LONG, Types.LIST(type)));
    }

    /**
     * Holds {@code element} until the watermark passes {@code timestamp}.
     *
     * @return false, holding nothing, if the watermark has passed it already: nothing can come before it any more
     */
    public boolean hold(long timestamp, T element, TimerService timers) throws Exception {
        if (timestamp <= timers.currentWatermark()) {
            return false;
        }
        List<T> atTimestamp = held.get(timestamp);
        if (atTimestamp == null) {
            atTimestamp = new ArrayList<>();
            timers.registerEventTimeTimer(timestamp);
        }
        atTimestamp.add(element);
        held.put(timestamp, atTimestamp);
        return true;
    }

    /** @return whether elements wait for a timer at {@code timestamp} (which must then not be deleted) */
    public boolean holdsAt(long timestamp) throws Exception {
        return held.contains(timestamp);
    }

    /** @return the elements held at {@code timestamp}, in arrival order, now no longer held; null if none */
    public List<T> release(long timestamp) throws Exception {
        List<T> due = held.get(timestamp);
        if (due != null) {
            held.remove(timestamp);
        }
        return due;
    }
}
