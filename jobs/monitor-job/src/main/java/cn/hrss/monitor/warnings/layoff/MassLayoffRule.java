package cn.hrss.monitor.warnings.layoff;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.List;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * mass_layoff (规模性裁员): per employer ({@link MassLayoffAtEmployer}) from the {@code employer_departures} rolling
 * rows and the headcount on insured events, then per county ({@link MassLayoffInCounty}) from what the employer stage
 * passes on. {@code windowDays} is structural and must name an indicator window: only {@code rolling_30d} exists.
 */
public final class MassLayoffRule {
    /** The length of {@link Period#ROLLING_30D}, the only rolling window of employer departures. */
    static final int ROLLING_WINDOW_DAYS = 30;

    private MassLayoffRule() {}

    public static DataStream<Observation> observations(DataStream<IndicatorRow> indicators, DataStream<Event> accepted,
            BroadcastStream<RuleDefinition> rules, LiveRules live) {
        int windowDays = windowDays(live.deployedOfKind(RuleKind.MASS_LAYOFF));
        DataStream<MassLayoffSignal> departures = indicators
                .filter(r -> Indicator.EMPLOYER_DEPARTURES.id.equals(r.indicator) && Period.ROLLING_30D.id.equals(r.period))
                .name("employer-departure-rows")
                .map(MassLayoffSignal::departures).returns(MassLayoffSignal.class).name("departure-signals");
        DataStream<MassLayoffSignal> headcounts = accepted
                .filter(e -> e.family() == EventFamily.INSURED && e.employerUscc != null && e.employerHeadcount > 0)
                .name("employer-headcounts")
                .map(e -> MassLayoffSignal.headcount(e.employerUscc, e.employerHeadcount, e.occurredAt))
                .returns(MassLayoffSignal.class).name("headcount-signals");
        SingleOutputStreamOperator<Observation> employers = departures.union(headcounts)
                .keyBy(s -> s.uscc)
                .connect(rules)
                .process(new MassLayoffAtEmployer(live, windowDays)).name("mass-layoff-employers")
                .uid("mass-layoff-employers");
        DataStream<Observation> counties = employers.getSideOutput(MassLayoffAtEmployer.TO_COUNTY)
                .keyBy(e -> e.countyCode)
                .connect(rules)
                .process(new MassLayoffInCounty(live, windowDays)).name("mass-layoff-counties")
                .uid("mass-layoff-counties");
        return employers.union(counties);
    }

    private static int windowDays(List<RuleDefinition> deployed) {
        for (RuleDefinition r : deployed) {
            if (r.integer("windowDays") != ROLLING_WINDOW_DAYS) {
                throw new IllegalArgumentException("rule " + r.id + " (" + r.sourceFile + "): windowDays "
                        + r.param("windowDays") + " has no indicator window; employer_departures is rolling_30d only");
            }
        }
        return ROLLING_WINDOW_DAYS;
    }
}
