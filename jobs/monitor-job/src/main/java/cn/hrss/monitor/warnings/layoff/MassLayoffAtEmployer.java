package cn.hrss.monitor.warnings.layoff;

import cn.hrss.monitor.warnings.detectors.MassLayoffEmployer;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.patterns.PeriodWindows;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The employer stage of mass_layoff, keyed by USCC: the latest rolling departures and headcount of the employer,
 * graded by {@link MassLayoffThresholds#employer}; observations with the USCC as scope. Every change of what the
 * county stage needs goes to {@link #TO_COUNTY}.
 *
 * <p>Rolling 30-day rows are change points: a new row arrives whenever the number changes, also when departures leave
 * the window (down to 0), so the latest row is the current value. Headcounts are kept {@code windowDays} after the
 * last report; then, with no departures, the employer's state is dropped.
 */
public final class MassLayoffAtEmployer
        extends KeyedBroadcastProcessFunction<String, MassLayoffSignal, RuleDefinition, Observation> {
    public static final OutputTag<MassLayoffEmployer> TO_COUNTY = new OutputTag<>("mass-layoff-to-county") {};
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final LiveRules live;
    private final long retentionMillis;
    private transient ValueState<MassLayoffEmployer> employer;

    public MassLayoffAtEmployer(LiveRules live, int windowDays) {
        this.live = live;
        this.retentionMillis = windowDays * DAY_MILLIS;
    }

    @Override
    public void open(OpenContext openContext) {
        employer = getRuntimeContext().getState(new ValueStateDescriptor<>("employer", MassLayoffEmployer.class));
    }

    @Override
    public void processElement(MassLayoffSignal s, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        MassLayoffEmployer e = employer.value();
        if (e == null) {
            e = new MassLayoffEmployer();
            e.uscc = s.uscc;
        }
        boolean departuresChanged;
        long at;
        if (s.departures != null) {
            IndicatorRow row = s.departures;
            if (row.windowEnd < e.windowEnd || row.windowEnd == e.windowEnd && row.version <= e.version) {
                return; // an older window or refresh: the newer one stands
            }
            departuresChanged = row.value.longValue() != e.departures;
            e.departures = row.value.longValue();
            e.windowStart = row.windowStart;
            e.windowEnd = row.windowEnd;
            e.version = row.version;
            e.countyCode = row.regionCode;
            at = row.asOf;
        } else {
            if (s.at < e.headcountAt) {
                return;
            }
            departuresChanged = false;
            boolean headcountChanged = s.headcount != e.headcount;
            e.headcount = s.headcount;
            e.headcountAt = s.at;
            // One retention timer per employer and day, however many events report the headcount.
            ctx.timerService().registerEventTimeTimer(ceilToDay(s.at + retentionMillis));
            if (e.departures == 0 || !headcountChanged) {
                employer.update(e);
                return;
            }
            at = s.at;
        }
        if (departuresChanged || s.departures == null) {
            ctx.output(TO_COUNTY, e.forCounty()); // the county keeps up with changes only, not with every new day
        }
        grade(e, Math.max(at, e.lastObservedAt), departuresChanged, ctx, out);
        employer.update(e);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        MassLayoffEmployer e = employer.value();
        if (e == null) {
            return;
        }
        if (e.departures == 0 && e.holding.isEmpty() && e.headcountAt + retentionMillis <= timestamp) {
            employer.clear();
        } else {
            employer.update(e);
        }
    }

    private void grade(MassLayoffEmployer e, long at, boolean departuresChanged, ReadOnlyContext ctx,
            Collector<Observation> out) throws Exception {
        e.lastObservedAt = at;
        List<RuleDefinition> rules = live.ofKind(RuleKind.MASS_LAYOFF, ctx.getBroadcastState(LiveRules.STATE));
        for (RuleDefinition rule : rules) {
            Severity severity = MassLayoffThresholds.employer(rule, e);
            String before = e.holding.get(rule.id);
            String now = severity == null ? null : severity.id;
            boolean report = severity == null ? before != null : !now.equals(before) || departuresChanged;
            if (report) {
                out.collect(observation(rule, e, severity, at));
            }
            if (severity == null) {
                e.holding.remove(rule.id);
            } else {
                e.holding.put(rule.id, now);
            }
        }
    }

    private static Observation observation(RuleDefinition rule, MassLayoffEmployer e, Severity severity, long at) {
        Observation o = new Observation();
        o.ruleId = rule.id;
        o.ruleVersion = rule.version;
        o.scopeKey = e.uscc;
        o.employerUscc = e.uscc;
        o.regionCode = e.countyCode;
        o.severity = severity;
        o.observedAt = at;
        o.evidence.put("departures", String.valueOf(e.departures));
        o.evidence.put("headcount", e.headcount > 0 ? String.valueOf(e.headcount) : "");
        o.evidence.put("share", e.headcount > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * e.share()) : "");
        o.evidence.put("window_days", rule.param("windowDays"));
        o.evidence.put("window", window(e));
        o.evidence.put("thresholds", "employerPersons=" + rule.param("employerPersons")
                + " employerShare=" + rule.param("employerShare")
                + " singleEmployerPersons=" + rule.param("singleEmployerPersons")
                + " largeEmployerHeadcount=" + rule.param("largeEmployerHeadcount")
                + " largeEmployerPersons=" + rule.param("largeEmployerPersons"));
        return o;
    }

    @Override
    public void processBroadcastElement(RuleDefinition update, Context ctx, Collector<Observation> out) throws Exception {
        live.apply(update, ctx.getBroadcastState(LiveRules.STATE));
    }

    /** @return the rolling window as days, e.g. {@code 2026-06-21..2026-07-20} */
    static String window(MassLayoffEmployer e) {
        return PeriodWindows.label(Period.DAY.id, e.windowStart) + ".." + PeriodWindows.label(Period.DAY.id, e.windowEnd - 1);
    }

    private static long ceilToDay(long millis) {
        return (millis + DAY_MILLIS - 1) / DAY_MILLIS * DAY_MILLIS;
    }
}
