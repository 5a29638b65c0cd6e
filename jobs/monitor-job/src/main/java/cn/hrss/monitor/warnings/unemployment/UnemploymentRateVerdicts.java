package cn.hrss.monitor.warnings.unemployment;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.patterns.PeriodBreaches;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;

/**
 * The rate half of unemployment_surge: each closed month's registered unemployment rate is a breach when at least the
 * live {@code rateAtLeast}; graded by the rule's band for {@link UnemploymentSurgeRule#RATE_TIER} (red in the
 * catalog: the Hangzhou level-I rule).
 */
public final class UnemploymentRateVerdicts extends PeriodBreaches {
    public UnemploymentRateVerdicts(LiveRules live) {
        super(live, RuleKind.UNEMPLOYMENT_SURGE, "rateAtLeast");
    }

    @Override
    protected boolean breaches(double rate, double rateAtLeast) {
        return rate >= rateAtLeast;
    }

    @Override
    protected Severity severity(RuleDefinition rule, double rate, String insuranceType) {
        return rule.severityFor(UnemploymentSurgeRule.RATE_TIER, insuranceType);
    }

    @Override
    protected String scopeKey(IndicatorRow row) {
        return UnemploymentSurgeRule.RATE_SCOPE + row.regionCode;
    }
}
