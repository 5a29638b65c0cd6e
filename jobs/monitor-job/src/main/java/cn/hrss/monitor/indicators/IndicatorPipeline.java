package cn.hrss.monitor.indicators;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.reference.ReferenceData;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import java.time.ZoneId;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * All rolling indicators from the accepted events. Events are summed once into hourly tallies per scope; every longer
 * window (day, month, year, and the rolling 24 h and 30 days of {@link RollingTotals}) adds up the hourly tallies'
 * changes, so an event is touched by one window and a late event corrects each window it falls into exactly once. Stocks come from the
 * month windows ({@link StockIndicators}).
 */
public final class IndicatorPipeline {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Calendar days start at 00:00 China Standard Time (UTC+8, no DST). */
    private static final Duration CHINA_DAY_OFFSET = Duration.ofHours(-8);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final long ALWAYS = Long.MAX_VALUE / 4;
    /**
     * Region × insurance type × hour sums buffered before the pre-aggregation releases them early (it releases them as
     * watermarks close their hours and at checkpoints): room for every region (some 3,200 × 6 scopes) in two hours.
     */
    private static final int PRE_AGGREGATION_SCOPES = 50_000;

    private IndicatorPipeline() {}

    /**
     * Three keyed operators had no uid before the package layout change; their {@code setUidHash} is the operator id
     * Flink generated for them then, so savepoints taken before keep restoring (SavepointCompatibilityTest).
     *
     * @param allowedLateness how late (behind the watermark) an event may be and still correct its windows; ingestion
     *     rejects anything later, so windows never drop an accepted event
     * @param reference opening stocks, balances and employed base for the stock indicators
     */
    public static DataStream<IndicatorRow> indicators(DataStream<Event> accepted, Duration allowedLateness,
            ReferenceData reference) {
        DataStream<Tallies> perEvent = accepted.flatMap(new EventTallies()).name("event-tallies")
                .transform("hourly-pre-aggregation", TypeInformation.of(Tallies.class),
                        new HourlyPreAggregation(PRE_AGGREGATION_SCOPES));
        DataStream<Tallies> recipients = accepted
                .filter(FirstBenefitOfMonth::isUnemploymentBenefit).name("unemployment-benefits")
                .keyBy(e -> e.personPseudonym)
                .process(new FirstBenefitOfMonth(allowedLateness)).name("first-benefit-of-month")
                .uid("first-benefit-of-month").setUidHash("19d7452c39aa7c587779964078faad00");
        DataStream<Tallies> departures = accepted
                .filter(FirstDepartureFromEmployer::isDeparture).name("insured-departures")
                .keyBy(FirstDepartureFromEmployer::key)
                .process(new FirstDepartureFromEmployer(allowedLateness)).name("first-departure-from-employer")
                .uid("first-departure-from-employer").setUidHash("70c7d45ce22065728a4a0e34c3c7be78");

        DataStream<WindowedTallies> hourly = window(perEvent.union(recipients, departures), Period.HOUR,
                TumblingEventTimeWindows.of(HOUR), RefreshTrigger.atEnd(), allowedLateness);
        // Changes of hourly windows carry the hour's end as timestamp; the longer windows must accept them as long as
        // an hour can still change.
        DataStream<Tallies> hourlyChanges = hourly.map(w -> w.delta).returns(Tallies.class).name("hourly-changes");
        Duration downstreamLateness = allowedLateness.plus(HOUR);

        DataStream<WindowedTallies> daily = window(hourlyChanges, Period.DAY,
                TumblingEventTimeWindows.of(DAY, CHINA_DAY_OFFSET), RefreshTrigger.duringLast(ALWAYS),
                downstreamLateness);
        DataStream<WindowedTallies> rolling = hourlyChanges
                .keyBy(Tallies::scopeKey)
                .process(new RollingTotals(allowedLateness)).name("rolling-24h-30d").uid("rolling-24h-30d");
        DataStream<WindowedTallies> monthly = window(hourlyChanges, Period.MONTH,
                CalendarWindows.months(CHINA), RefreshTrigger.duringLast(ALWAYS), downstreamLateness);
        DataStream<WindowedTallies> yearly = window(hourlyChanges, Period.YEAR,
                CalendarWindows.years(CHINA), RefreshTrigger.duringLast(ALWAYS), downstreamLateness);

        DataStream<IndicatorRow> flows = hourly.union(daily, rolling, monthly, yearly)
                .flatMap(new IndicatorRows()).name("flow-indicator-rows");
        DataStream<IndicatorRow> stocks = monthly
                .filter(w -> w.total.employerUscc.isEmpty()).name("regional-months")
                .keyBy(w -> w.total.scopeKey())
                .process(new StockIndicators(reference)).name("stock-indicators")
                .uid("stock-indicators").setUidHash("23b16994ad60a629867f22d55af071ef");
        // One operator emits every row, so the sink and each detector's filter are chained to it: a row is serialised
        // once, instead of once per consumer of the union (the indicators sink and five detector filters).
        return flows.union(stocks).map(row -> row).returns(IndicatorRow.class).name("indicator-rows");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static DataStream<WindowedTallies> window(
            DataStream<Tallies> input,
            Period period,
            WindowAssigner<? super Tallies, TimeWindow> assigner,
            RefreshTrigger trigger,
            Duration lateness) {
        return input
                .keyBy(Tallies::scopeKey)
                .window((WindowAssigner) assigner)
                .trigger(trigger)
                .allowedLateness(lateness)
                .aggregate(new SumTallies(), new EmitWindowedTallies(period))
                .name(period.id + "-window")
                .uid(period.id + "-window");
    }
}
