package cn.hrss.monitor.warnings.fund;

import cn.hrss.monitor.warnings.detectors.FundMonthsPayableLevel;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.patterns.PeriodBreaches;
import cn.hrss.monitor.warnings.patterns.PeriodWindows;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * fund_months_payable (基金可支付月数不足 / 结余过多): the latest months-payable value per region (at {@code regionLevels})
 * and insurance type, graded by the rule's bands for that insurance type (pension below 12 months is blue ... below 3
 * red; work injury at 18 or more is a blue surplus signal). The level, not a sequence, matters, so every refresh is
 * graded as it comes; the alert lifecycle escalates, de-escalates and resolves.
 *
 * <p>To avoid flooding, a scope reports when its severity changes, when a new month's value arrives while it holds
 * (the alert's evidence moves on monthly, not hourly), or when a new rule version grades it; a clear is sent once.
 */
public final class FundMonthsPayableDetector
        extends KeyedBroadcastProcessFunction<String, IndicatorRow, RuleDefinition, Observation> {
    private final LiveRules live;
    /** rule id → what was last reported for this scope; an entry exists only while the scope holds or was graded. */
    private transient MapState<String, FundMonthsPayableLevel> reported;

    public FundMonthsPayableDetector(LiveRules live) {
        this.live = live;
    }

    @Override
    public void open(OpenContext openContext) {
        reported = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("reported-level", String.class, FundMonthsPayableLevel.class));
    }

    @Override
    public void processElement(IndicatorRow row, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        for (RuleDefinition rule : live.ofKind(RuleKind.FUND_MONTHS_PAYABLE, ctx.getBroadcastState(LiveRules.STATE))) {
            if (PeriodBreaches.atRegionLevel(rule, row.regionLevel)
                    && PeriodBreaches.coversInsuranceType(rule, row.insuranceType)) {
                grade(rule, row, out);
            }
        }
    }

    private void grade(RuleDefinition rule, IndicatorRow row, Collector<Observation> out) throws Exception {
        if (row.asOf != row.windowEnd) {
            // Only a closed month's value is graded: mid-month values depend on how far the month has run when it
            // refreshes, so a replay of the same events would not grade them alike.
            return;
        }
        FundMonthsPayableLevel last = reported.get(rule.id);
        if (last != null && (row.windowStart < last.windowStart
                || row.windowStart == last.windowStart && row.version <= last.version)) {
            return; // an older month or refresh arriving late: the newer value stands
        }
        Severity severity = rule.severityFor(row.value.doubleValue(), row.insuranceType);
        String now = severity == null ? "" : severity.id;
        boolean changed = last == null ? severity != null
                : !now.equals(last.severity) || rule.version != last.ruleVersion
                        || severity != null && row.windowStart != last.windowStart;
        if (severity == null && last == null) {
            return;
        }
        if (changed) {
            out.collect(observation(rule, row, severity));
        }
        if (severity == null) {
            reported.remove(rule.id);
            return;
        }
        FundMonthsPayableLevel level = last == null ? new FundMonthsPayableLevel() : last;
        level.windowStart = row.windowStart;
        level.version = row.version;
        level.severity = now;
        level.ruleVersion = rule.version;
        reported.put(rule.id, level);
    }

    private static Observation observation(RuleDefinition rule, IndicatorRow row, Severity severity) {
        Observation o = new Observation();
        o.ruleId = rule.id;
        o.ruleVersion = rule.version;
        o.scopeKey = row.regionCode + "|" + row.insuranceType;
        o.regionCode = row.regionCode;
        o.insuranceType = row.insuranceType;
        o.severity = severity;
        o.observedAt = row.asOf;
        o.evidence.put("indicator", row.indicator);
        o.evidence.put("value", row.value.toPlainString());
        o.evidence.put("month", PeriodWindows.label(row.period, row.windowStart));
        o.evidence.put("bands", rule.bands.stream()
                .filter(b -> b.insuranceType.isEmpty() || b.insuranceType.equals(row.insuranceType))
                .map(Object::toString).collect(Collectors.joining("; ")));
        return o;
    }

    @Override
    public void processBroadcastElement(RuleDefinition update, Context ctx, Collector<Observation> out) throws Exception {
        live.apply(update, ctx.getBroadcastState(LiveRules.STATE));
    }
}
