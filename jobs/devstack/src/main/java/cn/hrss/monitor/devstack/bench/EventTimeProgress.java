package cn.hrss.monitor.devstack.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * How far the producer's stream of accepted events had come in event time, by wall time: for any event time, the
 * wall time at which an accepted event at or after it was first sent. With the job's maximum out-of-orderness added,
 * that is the earliest moment a watermark could have passed the event time: when an hourly window could close, or a
 * person's events up to a pattern's last one could be judged. Written by the producing thread, read by the poller.
 */
final class EventTimeProgress {
    /** Each new highest event time → when it was sent ({@link System#nanoTime()}); increasing in both. */
    private final ConcurrentSkipListMap<Long, Long> firstSentNanos = new ConcurrentSkipListMap<>();
    private long highest = Long.MIN_VALUE;

    /** On the producing thread: an event the job will accept, with occurredAt {@code eventTimeMillis}. */
    void sent(long eventTimeMillis, long nanos) {
        if (eventTimeMillis > highest) {
            highest = eventTimeMillis;
            firstSentNanos.put(eventTimeMillis, nanos);
        }
    }

    /** @return when the stream first reached {@code eventTimeMillis}, or {@code null} if it has not yet */
    Long reachedNanos(long eventTimeMillis) {
        Map.Entry<Long, Long> first = firstSentNanos.ceilingEntry(eventTimeMillis);
        return first == null ? null : first.getValue();
    }
}
