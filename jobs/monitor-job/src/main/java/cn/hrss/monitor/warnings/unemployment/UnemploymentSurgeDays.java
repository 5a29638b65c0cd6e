package cn.hrss.monitor.warnings.unemployment;

import cn.hrss.monitor.warnings.detectors.UnemploymentSurgeBaseline;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.patterns.ClosingPeriods;
import cn.hrss.monitor.warnings.patterns.PeriodBreaches;
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
import org.apache.flink.util.Collector;

/**
 * The surge half of unemployment_surge, per region at {@code regionLevels}: a day's new unemployment registrations
 * at least {@code minCount} and above mean + {@code sigmas}·σ of the previous {@code baselineDays} closed days.
 *
 * <ul>
 *   <li>Fires early: a day's count only grows, so a running day already above the threshold is a surge; it clears
 *       only when a whole day closes below it.
 *   <li>Days without any row count as 0 (derived from window starts); history starts with the region's first row.
 *   <li>At least {@link #MIN_BASELINE_DAYS} closed days are needed. Not a week: a job started fresh would be blind
 *       for its first week. Instead σ is never taken below √mean, the spread of a Poisson count (registrations are
 *       counts of independent arrivals), so two quiet, equal days do not make the next ordinary day a "surge"; and
 *       {@code minCount} keeps small counties, whose baselines are near 0, quiet.
 * </ul>
 * The surge is graded by the rule's band for {@link UnemploymentSurgeRule#SURGE_TIER} (blue in the catalog).
 */
public final class UnemploymentSurgeDays extends ClosingPeriods<Observation> {
    static final int MIN_BASELINE_DAYS = 2;
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private transient ValueState<UnemploymentSurgeBaseline> baseline;

    public UnemploymentSurgeDays(LiveRules live) {
        super(live);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        baseline = getRuntimeContext().getState(
                new ValueStateDescriptor<>("registration-baseline", UnemploymentSurgeBaseline.class));
    }

    /** Quiet days since the last closed one join the baseline when this day closes, not yet here. */
    @Override
    protected void onRefreshed(IndicatorRow running, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        UnemploymentSurgeBaseline b = baseline.value();
        if (b == null) {
            return;
        }
        boolean changed = false;
        for (RuleDefinition rule : rules(running, ctx)) {
            Observation o = judge(rule, b, running.value.longValue(), running, running.asOf);
            if (o.holds() && !b.holding.containsKey(rule.id)) {
                b.holding.put(rule.id, o.severity.id);
                out.collect(o);
                changed = true;
            }
        }
        if (changed) {
            baseline.update(b);
        }
    }

    @Override
    protected boolean onClosed(IndicatorRow day, IndicatorRow previous, ReadOnlyContext ctx, Collector<Observation> out)
            throws Exception {
        UnemploymentSurgeBaseline b = baseline.value() == null ? new UnemploymentSurgeBaseline() : baseline.value();
        List<RuleDefinition> rules = rules(day, ctx);
        int keep = rules.stream().mapToInt(r -> r.integer("baselineDays")).max().orElse(0);
        if (previous != null) {
            b.addQuietDays((day.windowStart - previous.windowEnd) / DAY_MILLIS, keep);
        }
        long count = day.value == null ? 0 : day.value.longValue();
        for (RuleDefinition rule : rules) {
            Observation o = judge(rule, b, count, day, day.windowEnd);
            String before = b.holding.get(rule.id);
            if (o.holds() ? !o.severity.id.equals(before) : before != null) {
                out.collect(o);
            }
            if (o.holds()) {
                b.holding.put(rule.id, o.severity.id);
            } else {
                b.holding.remove(rule.id);
            }
        }
        b.add(count, keep);
        baseline.update(b);
        return !b.holding.isEmpty();
    }

    private Observation judge(RuleDefinition rule, UnemploymentSurgeBaseline b, long count, IndicatorRow day, long at) {
        Observation o = new Observation();
        o.ruleId = rule.id;
        o.ruleVersion = rule.version;
        o.scopeKey = UnemploymentSurgeRule.SURGE_SCOPE + day.regionCode;
        o.regionCode = day.regionCode;
        o.observedAt = at;
        int baselineDays = rule.integer("baselineDays");
        double[] stats = b.meanAndSigma(baselineDays, MIN_BASELINE_DAYS);
        o.evidence.put("day", PeriodWindows.label(day.period, day.windowStart));
        o.evidence.put("count", String.valueOf(count));
        o.evidence.put("min_count", rule.param("minCount"));
        if (stats == null) {
            return o;
        }
        double mean = stats[0];
        double sigma = Math.max(stats[1], Math.sqrt(mean));
        double threshold = mean + rule.number("sigmas") * sigma;
        o.evidence.put("baseline_mean", format(mean));
        o.evidence.put("baseline_sigma", format(sigma));
        o.evidence.put("baseline_days", String.valueOf(Math.min(baselineDays, b.counts.size())));
        o.evidence.put("threshold", format(threshold));
        o.evidence.put("detail", PeriodWindows.label(day.period, day.windowStart) + "新增失业登记" + count + "人，超过基线上限"
                + format(threshold) + "人（近" + Math.min(baselineDays, b.counts.size()) + "天日均" + format(mean) + "人）");
        if (count >= rule.integer("minCount") && count > threshold) {
            o.severity = rule.severityFor(UnemploymentSurgeRule.SURGE_TIER, "");
        }
        return o;
    }

    private List<RuleDefinition> rules(IndicatorRow row, ReadOnlyContext ctx) throws Exception {
        return live.ofKind(RuleKind.UNEMPLOYMENT_SURGE, ctx.getBroadcastState(LiveRules.STATE)).stream()
                .filter(r -> PeriodBreaches.atRegionLevel(r, row.regionLevel))
                .toList();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
