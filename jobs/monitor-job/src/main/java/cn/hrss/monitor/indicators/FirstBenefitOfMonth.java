package cn.hrss.monitor.indicators;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.reference.RegionDirectory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by person pseudonym, fed unemployment-benefit payments: emits a recipient count of one for the person's first
 * payment in each calendar month (China Standard Time), so summing these in a month window gives 失业保险金领取人数,
 * a distinct count, exactly, in any arrival order.
 */
public final class FirstBenefitOfMonth extends KeyedProcessFunction<String, Event, Tallies> {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final Duration retention;
    private transient RegionDirectory regions;

    /**
     * Months (yyyymm, by payment time) in which this person was already counted. Entries expire after the retention
     * (a month plus the allowed lateness), so state per person stays at one or two entries.
     */
    private transient MapState<Integer, Boolean> countedMonths;

    public FirstBenefitOfMonth(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        regions = RegionDirectory.loadDefault();
        MapStateDescriptor<Integer, Boolean> d = new MapStateDescriptor<>("countedMonths", Integer.class, Boolean.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(retention).cleanupFullSnapshot().build());
        countedMonths = getRuntimeContext().getMapState(d);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Tallies> out) throws Exception {
        ZonedDateTime paidAt = Instant.ofEpochMilli(e.occurredAt).atZone(CHINA);
        int month = paidAt.getYear() * 100 + paidAt.getMonthValue();
        if (countedMonths.contains(month)) {
            return;
        }
        countedMonths.put(month, Boolean.TRUE);
        Tallies unit = new Tallies();
        unit.benefitRecipientsFirstInMonth = 1;
        EventTallies.emitForEachLevel(regions, e.regionCode, e.insuranceType, unit, out);
    }

    /** Unemployment-benefit payments are the ones counted here. */
    public static boolean isUnemploymentBenefit(Event e) {
        return e.type == cn.hrss.monitor.events.EventType.BENEFIT_PAID && "unemployment_benefit".equals(e.benefitItem);
    }
}
