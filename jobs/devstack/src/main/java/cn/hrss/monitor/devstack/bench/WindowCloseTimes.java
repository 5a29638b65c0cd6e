package cn.hrss.monitor.devstack.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For each hourly window, the wall time at which the producer first sent an accepted event at or after the window's
 * end plus the maximum out-of-orderness: the earliest moment a watermark could have closed the window. Written by
 * the producing thread, read by the poller.
 */
final class WindowCloseTimes {
    private static final long HOUR_MILLIS = 3_600_000L;

    private final long outOfOrdernessMillis;
    private final Map<Long, Long> closableAtNanos = new ConcurrentHashMap<>();
    private long nextWindowEnd;

    /** @param firstWindowEnd the end of the first window to time (epoch millis, on the hour) */
    WindowCloseTimes(long firstWindowEnd, long outOfOrdernessMillis) {
        this.nextWindowEnd = firstWindowEnd;
        this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    /** @param eventTimeMillis occurredAt of an event the job will accept, sent at {@code nanos} */
    void sent(long eventTimeMillis, long nanos) {
        while (eventTimeMillis >= nextWindowEnd + outOfOrdernessMillis) {
            closableAtNanos.put(nextWindowEnd, nanos);
            nextWindowEnd += HOUR_MILLIS;
        }
    }

    /** @return window end (epoch millis) → wall time it became closable ({@link System#nanoTime()}) */
    Map<Long, Long> closable() {
        return Map.copyOf(closableAtNanos);
    }
}
