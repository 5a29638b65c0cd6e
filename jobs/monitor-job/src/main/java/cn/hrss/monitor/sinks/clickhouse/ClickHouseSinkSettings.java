package cn.hrss.monitor.sinks.clickhouse;

import java.io.Serializable;
import java.util.Objects;

/**
 * Configuration of one {@link ClickHouseSink}: target table, batching and retrying. Immutable; the {@code with*}
 * methods return changed copies.
 */
public final class ClickHouseSinkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ClickHouseEndpoint endpoint;
    private final String table;
    private final int maxBatchRows;
    private final long maxBatchAgeMs;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final long retryTimeoutMs;

    private ClickHouseSinkSettings(ClickHouseEndpoint endpoint, String table, int maxBatchRows, long maxBatchAgeMs,
            long initialBackoffMs, long maxBackoffMs, long retryTimeoutMs) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.table = ClickHouseEndpoint.requireIdentifier(table, "table");
        this.maxBatchRows = requirePositive(maxBatchRows, "maxBatchRows");
        this.maxBatchAgeMs = requirePositive(maxBatchAgeMs, "maxBatchAgeMs");
        this.initialBackoffMs = requirePositive(initialBackoffMs, "initialBackoffMs");
        this.maxBackoffMs = Math.max(initialBackoffMs, maxBackoffMs);
        this.retryTimeoutMs = requirePositive(retryTimeoutMs, "retryTimeoutMs");
    }

    /**
     * Defaults: batches of up to 5,000 rows or 1 s; failed inserts retried with backoff from 200 ms doubling up to
     * 30 s, for 10 minutes, after which the writer fails and Flink restarts from the last checkpoint.
     */
    public static ClickHouseSinkSettings of(ClickHouseEndpoint endpoint, String table) {
        return new ClickHouseSinkSettings(endpoint, table, 5_000, 1_000, 200, 30_000, 600_000);
    }

    public ClickHouseSinkSettings withMaxBatchRows(int rows) {
        return new ClickHouseSinkSettings(endpoint, table, rows, maxBatchAgeMs, initialBackoffMs, maxBackoffMs,
                retryTimeoutMs);
    }

    public ClickHouseSinkSettings withMaxBatchAgeMs(long ms) {
        return new ClickHouseSinkSettings(endpoint, table, maxBatchRows, ms, initialBackoffMs, maxBackoffMs,
                retryTimeoutMs);
    }

    public ClickHouseSinkSettings withBackoffMs(long initialMs, long maxMs) {
        return new ClickHouseSinkSettings(endpoint, table, maxBatchRows, maxBatchAgeMs, initialMs, maxMs,
                retryTimeoutMs);
    }

    public ClickHouseSinkSettings withRetryTimeoutMs(long ms) {
        return new ClickHouseSinkSettings(endpoint, table, maxBatchRows, maxBatchAgeMs, initialBackoffMs, maxBackoffMs,
                ms);
    }

    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    public String table() {
        return table;
    }

    /** @return {@code database.table} */
    public String qualifiedTable() {
        return endpoint.table(table);
    }

    public int maxBatchRows() {
        return maxBatchRows;
    }

    public long maxBatchAgeMs() {
        return maxBatchAgeMs;
    }

    public long initialBackoffMs() {
        return initialBackoffMs;
    }

    public long maxBackoffMs() {
        return maxBackoffMs;
    }

    /** How long one batch is retried before the writer gives up and fails the task. */
    public long retryTimeoutMs() {
        return retryTimeoutMs;
    }

    private static <N extends Number> N requirePositive(N value, String what) {
        if (value.longValue() <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ClickHouseSinkSettings{" + qualifiedTable() + " at " + endpoint.url() + ", batch " + maxBatchRows
                + " rows / " + maxBatchAgeMs + " ms, retry " + retryTimeoutMs + " ms}";
    }
}
