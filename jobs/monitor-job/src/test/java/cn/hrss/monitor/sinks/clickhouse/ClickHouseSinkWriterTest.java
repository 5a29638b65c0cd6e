package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.config.Secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClickHouseSinkWriterTest {
    private static final ClickHouseSinkSettings SETTINGS = ClickHouseSinkSettings
            .of(new ClickHouseEndpoint("http://127.0.0.1:1", "default", new Secret("HRSS_CLICKHOUSE_PASSWORD", null), "hrss"), "t")
            .withMaxBatchRows(3)
            .withMaxBatchAgeMs(1_000)
            .withBackoffMs(100, 400)
            .withRetryTimeoutMs(2_000);

    /** Records batches; fails the first {@code failures} attempts. */
    private static final class FakeInserter implements BatchInserter {
        final List<String> batches = new ArrayList<>();
        int failures;
        int attempts;

        @Override
        public void insert(byte[] lines) throws Exception {
            attempts++;
            if (failures > 0) {
                failures--;
                throw new ConnectException("Connection refused");
            }
            batches.add(new String(lines, StandardCharsets.UTF_8));
        }
    }

    private final FakeInserter inserter = new FakeInserter();
    private final TestProcessingTimeService timers = new TestProcessingTimeService();
    private final List<Long> sleeps = new ArrayList<>();
    private long wallClock;
    private ClickHouseSinkWriter<Integer> writer;

    @BeforeEach
    void setUp() {
        writer = writer(inserter, Executors.newDirectExecutorService());
    }

    /** The inserts run on {@code insertThread}; the direct one (the caller's thread) makes each test sequential. */
    private ClickHouseSinkWriter<Integer> writer(BatchInserter batches, ExecutorService insertThread) {
        RowEncoder<Integer> encoder = (n, json) -> {
            json.writeStartObject();
            json.writeNumberField("n", n);
            json.writeEndObject();
        };
        return new ClickHouseSinkWriter<>(SETTINGS, RowFormat.jsonEachRow(encoder), batches, insertThread, timers,
                UnregisteredMetricsGroup.createSinkWriterMetricGroup(), () -> wallClock, ms -> {
                    sleeps.add(ms);
                    wallClock += ms;
                });
    }

    private void write(int... values) throws Exception {
        for (int v : values) {
            writer.write(v, null);
        }
    }

    @Test
    void aFullBatchIsInsertedAtOnceAsJsonLines() throws Exception {
        write(1, 2);
        assertThat(inserter.batches).isEmpty();
        write(3);
        assertThat(inserter.batches).containsExactly("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        assertThat(writer.metrics().rowsWritten.getCount()).isEqualTo(3);
    }

    @Test
    void aBatchOlderThanTheMaximumAgeIsInsertedByTheTimer() throws Exception {
        timers.setCurrentTime(10_000);
        write(1);
        timers.setCurrentTime(10_500);
        write(2);
        timers.setCurrentTime(10_999);
        assertThat(inserter.batches).isEmpty();
        timers.setCurrentTime(11_000);
        assertThat(inserter.batches).containsExactly("{\"n\":1}\n{\"n\":2}\n");
    }

    @Test
    void theTimerOfAnEarlierBatchDoesNotCutTheNextOneShort() throws Exception {
        timers.setCurrentTime(0);
        write(1, 2, 3); // full: inserted at once, its timer stays armed
        timers.setCurrentTime(900);
        write(4);
        timers.setCurrentTime(1_000); // the first batch's timer
        assertThat(inserter.batches).hasSize(1);
        timers.setCurrentTime(1_900);
        assertThat(inserter.batches).hasSize(2).last().isEqualTo("{\"n\":4}\n");
    }

    @Test
    void flushInsertsWhateverIsBuffered() throws Exception {
        write(1);
        writer.flush(false);
        assertThat(inserter.batches).containsExactly("{\"n\":1}\n");
        writer.flush(true);
        assertThat(inserter.batches).hasSize(1);
    }

    @Test
    void failedInsertsAreRetriedWithExponentialBackoffAndNothingIsLost() throws Exception {
        inserter.failures = 4;
        write(1);
        writer.flush(false);
        assertThat(sleeps).containsExactly(100L, 200L, 400L, 400L);
        assertThat(inserter.batches).containsExactly("{\"n\":1}\n");
        assertThat(writer.metrics().insertRetries.getCount()).isEqualTo(4);
        assertThat(writer.metrics().lastInsertLatencyMs()).isEqualTo(1_100);
    }

    @Test
    void afterTheRetryTimeoutTheWriterFailsNamingTheTableAndTheError() throws Exception {
        inserter.failures = Integer.MAX_VALUE;
        write(1);
        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("hrss.t")
                .hasMessageContaining("Connection refused");
        assertThat(sleeps.stream().mapToLong(Long::longValue).sum()).isEqualTo(2_000);
        assertThat(writer.metrics().rowsWritten.getCount()).isZero();
    }

    @Test
    void theNextBatchFillsWhileOneIsInsertedAndAFullOneWaitsForIt() throws Exception {
        CountDownLatch firstInsertStarted = new CountDownLatch(1);
        CountDownLatch clickHouseAnswers = new CountDownLatch(1);
        List<String> slowBatches = new CopyOnWriteArrayList<>();
        BatchInserter slowServer = lines -> {
            firstInsertStarted.countDown();
            clickHouseAnswers.await();
            slowBatches.add(new String(lines, StandardCharsets.UTF_8));
        };
        ExecutorService insertThread = java.util.concurrent.Executors.newSingleThreadExecutor();
        writer = writer(slowServer, insertThread);

        write(1, 2, 3); // full: handed to the insert thread
        firstInsertStarted.await();
        write(4, 5); // the task goes on while ClickHouse works
        Thread task = new Thread(() -> {
            try {
                write(6); // full, while the first is still in flight: waits (back-pressure)
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        task.start();
        while (task.getState() != Thread.State.WAITING) {
            assertThat(task.isAlive()).as("write of a full batch returned while one was in flight").isTrue();
            Thread.onSpinWait();
        }
        assertThat(slowBatches).isEmpty();

        clickHouseAnswers.countDown();
        task.join();
        writer.flush(false);
        assertThat(slowBatches).containsExactly("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n",
                "{\"n\":4}\n{\"n\":5}\n{\"n\":6}\n");
        writer.close();
        assertThat(insertThread.isShutdown()).isTrue();
    }

    @Test
    void errorDescriptionsLeaveOutTheRowTextThatParseErrorsQuote() {
        String described = ClickHouseSinkWriter.describe(new IOException(
                "Code: 27, Cannot parse input: expected , before: \"person_pseudonym\":\"ab12\"}"));
        assertThat(described).contains("Cannot parse input").doesNotContain("ab12");
    }

    @Test
    void errorDescriptionsNameTheRootCause() {
        String described = ClickHouseSinkWriter.describe(new IOException("Insert request failed",
                new ConnectException("Connection refused")));
        assertThat(described).isEqualTo("IOException: Insert request failed (ConnectException: Connection refused)");
    }
}
