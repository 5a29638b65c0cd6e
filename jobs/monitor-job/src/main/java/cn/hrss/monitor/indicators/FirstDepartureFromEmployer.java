package cn.hrss.monitor.indicators;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (employer, person), fed 减员 events: a person leaving one employer is reported once per insurance type,
 * so this passes on one departure per person and employer within 30 days of event time. The result, summed in the
 * employer's windows, counts persons, not records.
 */
public final class FirstDepartureFromEmployer extends KeyedProcessFunction<String, Event, Tallies> {
    static final long SPAN_MILLIS = Duration.ofDays(30).toMillis();
    private final long allowedLatenessMillis;
    private transient RegionDirectory regions;

    /**
     * Event time of the departure last counted; cleared by an event-time timer once 30 days (plus the lateness) have
     * passed, so state exists only for persons who left within the last month.
     */
    private transient ValueState<Long> countedAt;

    public FirstDepartureFromEmployer(Duration allowedLateness) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    public static boolean isDeparture(Event e) {
        return e.type == EventType.INSURED_LEFT;
    }

    public static String key(Event e) {
        return e.employerUscc + '|' + e.personPseudonym;
    }

    @Override
    public void open(OpenContext openContext) {
        regions = RegionDirectory.loadDefault();
        countedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("countedAt", Long.class));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Tallies> out) throws Exception {
        Long previous = countedAt.value();
        if (previous != null && Math.abs(e.occurredAt - previous) < SPAN_MILLIS) {
            return;
        }
        countedAt.update(e.occurredAt);
        ctx.timerService().registerEventTimeTimer(e.occurredAt + SPAN_MILLIS + allowedLatenessMillis);
        Region region = regions.get(e.regionCode);
        Tallies t = Tallies.employerScope(region.code(), region.level().id(), e.employerUscc);
        t.departedPersons = 1;
        out.collect(t);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tallies> out) throws Exception {
        Long counted = countedAt.value();
        if (counted != null && counted + SPAN_MILLIS + allowedLatenessMillis <= timestamp) {
            countedAt.clear();
        }
    }
}
