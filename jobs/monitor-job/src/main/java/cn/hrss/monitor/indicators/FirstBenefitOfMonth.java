package cn.hrss.monitor.indicators;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.reference.RegionDirectory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by person pseudonym, fed unemployment-benefit payments: emits a recipient count of one for the person's first
 * payment in each calendar month (China Standard Time), so summing these in a month window gives 失业保险金领取人数,
 * a distinct count, exactly, in any arrival order.
 */
public final class FirstBenefitOfMonth extends KeyedProcessFunction<String, Event, Tallies> {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final long allowedLatenessMillis;
    private transient RegionDirectory regions;

    /**
     * Months (yyyymm, by payment time) in which this person was already counted. A month is forgotten by an event-time
     * timer once the watermark has passed its end plus the allowed lateness, when ingestion rejects any later payment
     * for it; so state per person stays at one or two entries in event time, also in a backfill (a processing-time
     * TTL would keep every month a backfill replays for as long as the TTL lasts in wall time).
     */
    private transient MapState<Integer, Boolean> countedMonths;

    public FirstBenefitOfMonth(Duration allowedLateness) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        regions = RegionDirectory.loadDefault();
        countedMonths = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("countedMonths", Integer.class, Boolean.class));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Tallies> out) throws Exception {
        ZonedDateTime paidAt = Instant.ofEpochMilli(e.occurredAt).atZone(CHINA);
        int month = paidAt.getYear() * 100 + paidAt.getMonthValue();
        if (countedMonths.contains(month)) {
            return;
        }
        countedMonths.put(month, Boolean.TRUE);
        ctx.timerService().registerEventTimeTimer(forgetAt(month));
        Tallies unit = new Tallies();
        unit.benefitRecipientsFirstInMonth = 1;
        EventTallies.emitForEachLevel(regions, e.regionCode, e.insuranceType, unit, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tallies> out) throws Exception {
        List<Integer> over = new ArrayList<>();
        for (int month : countedMonths.keys()) {
            if (forgetAt(month) <= timestamp) {
                over.add(month);
            }
        }
        for (int month : over) {
            countedMonths.remove(month);
        }
    }

    /** @return when no payment for {@code month} (yyyymm) can be accepted any more: its end plus the lateness */
    private long forgetAt(int month) {
        ZonedDateTime end = ZonedDateTime.of(month / 100, month % 100, 1, 0, 0, 0, 0, CHINA).plusMonths(1);
        return end.toInstant().toEpochMilli() + allowedLatenessMillis;
    }

    /** Unemployment-benefit payments are the ones counted here. */
    public static boolean isUnemploymentBenefit(Event e) {
        return e.type == cn.hrss.monitor.events.EventType.BENEFIT_PAID && "unemployment_benefit".equals(e.benefitItem);
    }
}
