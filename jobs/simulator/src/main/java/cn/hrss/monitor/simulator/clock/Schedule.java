package cn.hrss.monitor.simulator.clock;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Things due at a simulated time: follow-up events (an enrolment days after a hire), batches (death records weeks
 * after the deaths), daily bookkeeping and scenario steps. Ties run in scheduling order, so runs are repeatable.
 *
 * @param <E> what an action emits
 */
public final class Schedule<E> {
    /** Runs at its due time; returns what to emit then, or {@code null} when there is nothing to emit. */
    public interface Action<E> {
        E run(long at);
    }

    private record Pending<E>(long due, long seq, Action<E> action) {}

    private final PriorityQueue<Pending<E>> queue =
            new PriorityQueue<>(Comparator.<Pending<E>>comparingLong(Pending::due).thenComparingLong(Pending::seq));
    private long seq;

    public void at(long due, Action<E> action) {
        queue.add(new Pending<>(due, seq++, action));
    }

    /** @return the earliest due time, or {@code Long.MAX_VALUE} when nothing is pending */
    public long nextDue() {
        Pending<E> head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.due();
    }

    /** Runs the earliest pending action. */
    public E runNext() {
        Pending<E> head = queue.poll();
        return head.action().run(head.due());
    }
}
