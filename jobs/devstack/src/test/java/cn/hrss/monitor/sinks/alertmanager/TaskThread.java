package cn.hrss.monitor.sinks.alertmanager;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * Stands in for a Flink task thread in real time: one thread runs the writer's calls, its mailbox and its
 * processing-time timers, in order, as a task's mailbox loop does.
 */
final class TaskThread implements MailboxExecutor, ProcessingTimeService, AutoCloseable {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sink-task");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code call} on the task thread and returns its result. */
    <T> T call(Callable<T> call) throws Exception {
        try {
            return thread.submit(call).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    void run(ThrowingRunnable<? extends Exception> action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void execute(MailOptions options, ThrowingRunnable<? extends Exception> command, String description,
            Object... args) {
        thread.execute(() -> {
            try {
                command.run();
            } catch (Exception e) {
                throw new IllegalStateException(description + " failed", e);
            }
        });
    }

    @Override
    public void yield() {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public boolean tryYield() {
        return false;
    }

    @Override
    public boolean shouldInterrupt() {
        return false;
    }

    @Override
    public long getCurrentProcessingTime() {
        return System.currentTimeMillis();
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
        return thread.schedule(() -> {
            try {
                target.onProcessingTime(timestamp);
            } catch (Exception e) {
                throw new IllegalStateException("timer failed", e);
            }
        }, Math.max(0, timestamp - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
