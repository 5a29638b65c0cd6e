package cn.hrss.monitor.indicators;

import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums the events' tallies ({@link EventTallies}) per region, insurance type and hour before they cross the network,
 * and rolls each sum up its region's levels (the region, its city, province and nation) when it is released: the
 * hourly windows receive one record per scope and hour between checkpoints instead of four per event, and each event
 * is counted once instead of once per level. Each sum carries its hour's last millisecond as timestamp, which puts it
 * in the same hourly window as the events it sums.
 *
 * <p>A watermark releases the sums of the hours it may close (timestamp at or below it) before it is passed on; the
 * sums of later hours stay, since their timestamps are ahead of every watermark passed on, so they are on time when
 * they follow. Everything is released before a checkpoint barrier, so no state is needed, and the windows' results are
 * those of counting every event at every level directly.
 */
public final class HourlyPreAggregation extends AbstractStreamOperator<Tallies>
        implements OneInputStreamOperator<Tallies, Tallies> {
    private static final long HOUR = 3_600_000L;
    private final int maxBufferedScopes;
    private transient RegionDirectory regions;
    /** Hour end → the sums of that hour by scope (a record, not a key string built per input). */
    private transient NavigableMap<Long, Map<Scope, Tallies>> hours;
    private transient int bufferedScopes;

    private record Scope(String regionCode, String insuranceType) {}

    public HourlyPreAggregation(int maxBufferedScopes) {
        this.maxBufferedScopes = maxBufferedScopes;
    }

    @Override
    public void open() throws Exception {
        super.open();
        regions = RegionDirectory.loadDefault();
        hours = new TreeMap<>();
    }

    @Override
    public void processElement(StreamRecord<Tallies> element) {
        Tallies t = element.getValue();
        long hourEnd = Math.floorDiv(element.getTimestamp(), HOUR) * HOUR + HOUR;
        Map<Scope, Tallies> sums = hours.computeIfAbsent(hourEnd, h -> new HashMap<>());
        Scope scope = new Scope(t.regionCode, t.insuranceType);
        Tallies sum = sums.get(scope);
        if (sum == null) {
            sums.put(scope, t.copy());
            if (++bufferedScopes >= maxBufferedScopes) {
                releaseUpTo(Long.MAX_VALUE);
            }
        } else {
            sum.add(t, 1);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        releaseUpTo(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        releaseUpTo(Long.MAX_VALUE);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        releaseUpTo(Long.MAX_VALUE);
        super.finish();
    }

    /** Emits the sums whose timestamp (their hour's last millisecond) is at or below {@code time}. */
    private void releaseUpTo(long time) {
        while (!hours.isEmpty() && hours.firstKey() - 1 <= time) {
            Map.Entry<Long, Map<Scope, Tallies>> hour = hours.pollFirstEntry();
            long timestamp = hour.getKey() - 1;
            for (Tallies sum : rolledUp(hour.getValue().values())) {
                output.collect(new StreamRecord<>(sum, timestamp));
            }
            bufferedScopes -= hour.getValue().size();
        }
    }

    /** The sums at every level of the regions of {@code regional}: a city's sum adds up its counties' and its own. */
    private Collection<Tallies> rolledUp(Collection<Tallies> regional) {
        Map<Scope, Tallies> levels = new HashMap<>();
        for (Tallies sum : regional) {
            for (Region r : regions.rollup(sum.regionCode)) {
                Scope scope = new Scope(r.code(), sum.insuranceType);
                Tallies level = levels.get(scope);
                if (level == null) {
                    levels.put(scope, Tallies.scope(r.code(), r.level().id(), sum.insuranceType).add(sum, 1));
                } else {
                    level.add(sum, 1);
                }
            }
        }
        return levels.values();
    }
}
