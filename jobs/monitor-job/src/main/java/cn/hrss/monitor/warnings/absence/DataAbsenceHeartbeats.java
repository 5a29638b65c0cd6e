package cn.hrss.monitor.warnings.absence;

import cn.hrss.monitor.events.Event;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/**
 * Before the shuffle to {@link DataAbsenceDetector}: passes on one event per scope per interval (wall clock), because
 * the detector only needs to know that a scope is alive, not every event — otherwise every event would cross the
 * network once more. The interval is a fraction of the rule's check period, so silence is measured just as precisely.
 * Holds one timestamp per scope seen by this subtask (a few hundred cities or six sources).
 */
public final class DataAbsenceHeartbeats extends RichFilterFunction<Event> {
    private final DataAbsenceScope scope;
    private final long intervalMillis;
    private transient Map<String, Long> lastPassed;

    public DataAbsenceHeartbeats(DataAbsenceScope scope, long intervalMillis) {
        this.scope = scope;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        lastPassed = new HashMap<>();
    }

    @Override
    public boolean filter(Event e) throws Exception {
        long now = System.currentTimeMillis();
        String key = scope.getKey(e);
        Long last = lastPassed.get(key);
        if (last != null && now - last < intervalMillis) {
            return false;
        }
        lastPassed.put(key, now);
        return true;
    }
}
