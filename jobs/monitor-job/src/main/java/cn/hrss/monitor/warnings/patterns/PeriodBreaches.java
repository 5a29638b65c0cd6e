package cn.hrss.monitor.warnings.patterns;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.Arrays;
import org.apache.flink.util.Collector;

/**
 * Judges each closed period of an indicator against the threshold of every rule of one kind in force (read live from
 * the broadcast rules, so a published threshold applies from the next closed period). Emits a verdict for every
 * closed period, breach or not, for {@link ConsecutiveBreaches} to match.
 */
public abstract class PeriodBreaches extends ClosingPeriods<PeriodVerdict> {
    private final RuleKind kind;
    private final String thresholdParam;

    protected PeriodBreaches(LiveRules live, RuleKind kind, String thresholdParam) {
        super(live);
        this.kind = kind;
        this.thresholdParam = thresholdParam;
    }

    /** @return whether the period's value breaches the threshold */
    protected abstract boolean breaches(double value, double threshold);

    /** @return the severity of a breaching value under {@code rule} */
    protected abstract Severity severity(RuleDefinition rule, double value, String insuranceType);

    /** @return the scope within the rule, e.g. {@code 110100|110} */
    protected abstract String scopeKey(IndicatorRow row);

    @Override
    protected boolean onClosed(IndicatorRow closed, IndicatorRow previous, ReadOnlyContext ctx,
            Collector<PeriodVerdict> out) throws Exception {
        boolean anyBreach = false;
        for (RuleDefinition rule : live.ofKind(kind, ctx.getBroadcastState(LiveRules.STATE))) {
            if (!atRegionLevel(rule, closed.regionLevel) || !coversInsuranceType(rule, closed.insuranceType)) {
                continue;
            }
            double threshold = rule.number(thresholdParam);
            PeriodVerdict v = new PeriodVerdict();
            v.ruleId = rule.id;
            v.ruleVersion = rule.version;
            v.scopeKey = scopeKey(closed);
            v.regionCode = closed.regionCode;
            v.insuranceType = closed.insuranceType;
            v.indicator = closed.indicator;
            v.period = closed.period;
            v.windowStart = closed.windowStart;
            v.windowEnd = closed.windowEnd;
            v.threshold = rule.param(thresholdParam);
            if (closed.value != null) {
                double value = closed.value.doubleValue();
                v.value = closed.value.toPlainString();
                v.breach = breaches(value, threshold);
                v.severity = v.breach ? severity(rule, value, closed.insuranceType) : null;
            }
            anyBreach |= v.breach;
            out.collect(v);
        }
        return anyBreach;
    }

    /**
     * @return whether the rule watches funds of {@code insuranceType}: all, unless it lists {@code insuranceTypes}
     *     (the resident pension, financed by subsidies rather than contributions, is not a contribution-funded fund)
     */
    public static boolean coversInsuranceType(RuleDefinition rule, String insuranceType) {
        String listed = rule.params.get("insuranceTypes");
        return listed == null || Arrays.stream(listed.split(",")).map(String::trim).anyMatch(insuranceType::equals);
    }

    /** @return whether {@code level} is one of the rule's {@code regionLevels} (a comma list) */
    public static boolean atRegionLevel(RuleDefinition rule, String level) {
        return Arrays.stream(rule.param("regionLevels").split(",")).map(String::trim).anyMatch(level::equals);
    }
}
