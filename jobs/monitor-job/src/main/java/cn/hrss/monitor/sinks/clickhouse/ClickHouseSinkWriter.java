package cn.hrss.monitor.sinks.clickhouse;

import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.core.memory.ByteArrayOutputStreamWithPos;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows in the sink's {@link RowFormat} and inserts them in batches: when the batch is full, when it is older than
 * the maximum age (a processing-time timer), and always on {@link #flush} — Flink calls it before every
 * checkpoint, so every row acknowledged by a checkpoint is in ClickHouse (at-least-once; the tables are
 * ReplacingMergeTree, so a replayed row replaces its twin instead of adding to it).
 *
 * <p>One batch is inserted in the background while the next one fills: the task thread does not sit idle while
 * ClickHouse parses and stores a batch. At most one insert is in flight, so batches arrive in order and at most two
 * are held in memory; a full batch waits for the one before it, which back-pressures upstream instead of dropping.
 * {@link #flush} waits for the insert in flight and inserts what is buffered.
 *
 * <p>A failed insert is retried with exponential backoff (on the insert thread); meanwhile the next batch fills and
 * then waits, so upstream is back-pressured and nothing is dropped. When the retry timeout is used up the failure
 * reaches the task thread at its next batch, timer or flush, the task fails, and Flink replays from the last
 * checkpoint. Timer callbacks run on the task thread, so only the insert in flight is shared with the insert thread.
 */
public final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
    private static final int MAX_ERROR_CHARS = 300;
    /** How long close waits for an interrupted insert to give up before the client is closed under it. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    /** Sleeps between retries; replaceable so tests need not wait. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    private final ClickHouseSinkSettings settings;
    private final RowFormat<T> format;
    private final BatchInserter inserter;
    /** Runs the inserts, one at a time: a single thread in production, the caller's thread in unit tests. */
    private final ExecutorService insertThread;
    private final ProcessingTimeService timers;
    private final ClickHouseSinkMetrics metrics;
    private final LongSupplier wallClockMs;
    private final Sleeper sleeper;

    /** Unsynchronized, unlike ByteArrayOutputStream: rows are written a few bytes at a time. */
    private final ByteArrayOutputStreamWithPos batch = new ByteArrayOutputStreamWithPos(64 * 1024);
    private int batchRows;
    /** Counts batches, so that an age timer fires only for the batch it was set for. */
    private long batchNumber;
    /** The batch being inserted (with retries) by {@link #insertThread}; done when none is. */
    private Future<?> inFlight = CompletableFuture.completedFuture(null);

    ClickHouseSinkWriter(ClickHouseSinkSettings settings, RowFormat<T> format, BatchInserter inserter,
            ExecutorService insertThread, ProcessingTimeService timers, SinkWriterMetricGroup metricGroup,
            LongSupplier wallClockMs, Sleeper sleeper) {
        this.settings = settings;
        this.format = format;
        this.inserter = inserter;
        this.insertThread = insertThread;
        this.timers = timers;
        this.metrics = new ClickHouseSinkMetrics(metricGroup);
        this.wallClockMs = wallClockMs;
        this.sleeper = sleeper;
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        format.append(element, batch);
        if (++batchRows == 1) {
            long forBatch = batchNumber;
            timers.registerTimer(timers.getCurrentProcessingTime() + settings.maxBatchAgeMs(),
                    time -> flushIfStill(forBatch));
        }
        if (batchRows >= settings.maxBatchRows()) {
            insertBatch();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        insertBatch();
        awaitInFlight();
    }

    private void flushIfStill(long forBatch) throws IOException, InterruptedException {
        if (forBatch == batchNumber) {
            insertBatch();
        }
    }

    private void insertBatch() throws IOException, InterruptedException {
        if (batchRows == 0) {
            return;
        }
        awaitInFlight();
        byte[] lines = batch.toByteArray();
        int rows = batchRows;
        inFlight = insertThread.submit(() -> {
            insertWithRetry(lines, rows);
            return null;
        });
        batch.reset();
        batchRows = 0;
        batchNumber++;
    }

    /** Waits for the insert in flight; its failure (retries used up) becomes this thread's. */
    private void awaitInFlight() throws IOException, InterruptedException {
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failed) {
                throw failed;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IOException("Insert into " + settings.qualifiedTable() + " failed", e.getCause());
        }
    }

    private void insertWithRetry(byte[] lines, int rows) throws IOException, InterruptedException {
        long start = wallClockMs.getAsLong();
        RetryBackoff backoff = new RetryBackoff(settings, start);
        while (true) {
            try {
                inserter.insert(lines);
                metrics.inserted(rows, lines.length, wallClockMs.getAsLong() - start);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                OptionalLong delay = backoff.nextDelay(wallClockMs.getAsLong());
                if (delay.isEmpty()) {
                    throw new IOException("Insert of " + rows + " rows into " + settings.qualifiedTable()
                            + " still failing after " + settings.retryTimeoutMs() + " ms: " + describe(e), e);
                }
                metrics.insertRetries.inc();
                LOG.warn("Insert of {} rows into {} failed ({}); retrying in {} ms", rows,
                        settings.qualifiedTable(), describe(e), delay.getAsLong());
                sleeper.sleep(delay.getAsLong());
            }
        }
    }

    /**
     * The ClickHouse error without the data it may quote (a parse error shows the offending row), so our log lines
     * and messages carry no row content. (Rows are pseudonymised anyway; the attached cause keeps the full text.)
     */
    static String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            // The client's wrapper says "request failed"; the cause says why (e.g. connection refused).
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        int quoted = message.indexOf("before:");
        if (quoted >= 0) {
            message = message.substring(0, quoted) + " [row text omitted]";
        }
        if (message.length() > MAX_ERROR_CHARS) {
            message = message.substring(0, MAX_ERROR_CHARS) + "...";
        }
        String kind = e instanceof ServerException s ? "ClickHouse error " + s.getCode() : e.getClass().getSimpleName();
        return kind + ": " + message;
    }

    /**
     * Rows not yet flushed are dropped, and an insert in flight is interrupted: close without a final flush means the
     * task failed or was cancelled, and Flink replays from the last checkpoint.
     */
    @Override
    public void close() throws Exception {
        insertThread.shutdownNow();
        insertThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        inserter.close();
    }

    ClickHouseSinkMetrics metrics() {
        return metrics;
    }
}
