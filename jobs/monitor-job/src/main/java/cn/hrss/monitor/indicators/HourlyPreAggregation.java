package cn.hrss.monitor.indicators;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums tallies per scope and hour before they cross the network, so the hourly windows receive one record per scope,
 * hour and watermark interval instead of four per event (every event counts at four region levels). Holds nothing
 * across a watermark or a checkpoint barrier: the buffer is emitted before either is passed on, so no state is needed
 * and results are the same as without it. Each sum carries its hour's last millisecond as timestamp, which puts it in
 * the same hourly window as the events it sums.
 */
public final class HourlyPreAggregation extends AbstractStreamOperator<Tallies>
        implements OneInputStreamOperator<Tallies, Tallies> {
    private static final long HOUR = 3_600_000L;
    private final int maxBufferedScopes;
    /** Keyed by scope and hour without building a key string per record (that was most of this operator's cost). */
    private transient Map<ScopeHour, Tallies> buffer;

    private record ScopeHour(String regionCode, String insuranceType, String employerUscc, long hourEnd) {}

    public HourlyPreAggregation(int maxBufferedScopes) {
        this.maxBufferedScopes = maxBufferedScopes;
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<Tallies> element) {
        Tallies t = element.getValue();
        long hourEnd = Math.floorDiv(element.getTimestamp(), HOUR) * HOUR + HOUR;
        ScopeHour key = new ScopeHour(t.regionCode, t.insuranceType, t.employerUscc, hourEnd);
        Tallies sum = buffer.get(key);
        if (sum == null) {
            buffer.put(key, t.copy());
            if (buffer.size() >= maxBufferedScopes) {
                flush();
            }
        } else {
            sum.add(t, 1);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        for (Map.Entry<ScopeHour, Tallies> e : buffer.entrySet()) {
            output.collect(new StreamRecord<>(e.getValue(), e.getKey().hourEnd() - 1));
        }
        buffer.clear();
    }
}
