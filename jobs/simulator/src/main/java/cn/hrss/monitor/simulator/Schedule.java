package cn.hrss.monitor.simulator;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Things due at a simulated time: follow-up events (an enrolment days after a hire), batches (death records weeks
 * after the deaths), daily bookkeeping and scenario steps. Ties run in scheduling order, so runs are repeatable.
 */
final class Schedule {
    /** Runs at its due time; returns the event to emit then, or {@code null} when there is nothing to emit. */
    interface Action {
        WireEvent run(long at);
    }

    private record Pending(long due, long seq, Action action) {}

    private final PriorityQueue<Pending> queue =
            new PriorityQueue<>(Comparator.comparingLong(Pending::due).thenComparingLong(Pending::seq));
    private long seq;

    void at(long due, Action action) {
        queue.add(new Pending(due, seq++, action));
    }

    /** @return the earliest due time, or {@code Long.MAX_VALUE} when nothing is pending */
    long nextDue() {
        Pending head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.due();
    }

    /** Runs the earliest pending action. */
    WireEvent runNext() {
        Pending head = queue.poll();
        return head.action().run(head.due());
    }
}
