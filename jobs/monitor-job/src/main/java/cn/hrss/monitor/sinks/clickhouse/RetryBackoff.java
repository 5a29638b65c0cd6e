package cn.hrss.monitor.sinks.clickhouse;

import java.util.OptionalLong;

/**
 * Exponential backoff for one batch: waits double from the initial delay up to the cap, until the retry
 * timeout would be passed. Pure arithmetic over the times it is given.
 */
final class RetryBackoff {
    private final long maxDelayMs;
    private final long deadlineMs;
    private long nextDelayMs;

    RetryBackoff(ClickHouseSinkSettings settings, long startMs) {
        this.nextDelayMs = settings.initialBackoffMs();
        this.maxDelayMs = settings.maxBackoffMs();
        this.deadlineMs = startMs + settings.retryTimeoutMs();
    }

    /** @return how long to wait before the next attempt, or empty when the retry timeout is used up */
    OptionalLong nextDelay(long nowMs) {
        if (nowMs >= deadlineMs) {
            return OptionalLong.empty();
        }
        long delay = Math.min(nextDelayMs, deadlineMs - nowMs);
        nextDelayMs = Math.min(nextDelayMs * 2, maxDelayMs);
        return OptionalLong.of(delay);
    }
}
