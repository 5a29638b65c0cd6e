package cn.hrss.monitor.sinks.clickhouse;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * Metrics of one writer, besides Flink's standard sink metrics (numRecordsSend, numBytesSend, currentSendTime),
 * which it also feeds: {@code clickhouseRowsWritten}, {@code clickhouseInsertRetries} and
 * {@code clickhouseLastInsertLatencyMs} (time of the last successful insert, retries included).
 */
final class ClickHouseSinkMetrics {
    final Counter rowsWritten = new SimpleCounter();
    final Counter insertRetries = new SimpleCounter();
    private final Counter recordsSend;
    private final Counter bytesSend;
    private volatile long lastInsertLatencyMs;

    ClickHouseSinkMetrics(SinkWriterMetricGroup group) {
        group.counter("clickhouseRowsWritten", rowsWritten);
        group.counter("clickhouseInsertRetries", insertRetries);
        group.gauge("clickhouseLastInsertLatencyMs", (Gauge<Long>) () -> lastInsertLatencyMs);
        group.setCurrentSendTimeGauge(() -> lastInsertLatencyMs);
        this.recordsSend = group.getNumRecordsSendCounter();
        this.bytesSend = group.getNumBytesSendCounter();
    }

    void inserted(int rows, int bytes, long latencyMs) {
        rowsWritten.inc(rows);
        recordsSend.inc(rows);
        bytesSend.inc(bytes);
        lastInsertLatencyMs = latencyMs;
    }

    long lastInsertLatencyMs() {
        return lastInsertLatencyMs;
    }
}
