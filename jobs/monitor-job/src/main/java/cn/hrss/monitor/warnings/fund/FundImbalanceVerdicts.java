package cn.hrss.monitor.warnings.fund;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.patterns.PeriodBreaches;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;

/**
 * Per region and insurance type: each closed period's income/outflow ratio is a breach when it is below the live
 * {@code ratioBelow}. A period with no ratio row had no outflow, which is no imbalance.
 */
public final class FundImbalanceVerdicts extends PeriodBreaches {
    public FundImbalanceVerdicts(LiveRules live) {
        super(live, RuleKind.FUND_IMBALANCE, "ratioBelow");
    }

    @Override
    protected boolean breaches(double ratio, double ratioBelow) {
        return ratio < ratioBelow;
    }

    /** The bands may grade the ratio; a breach outside every band gets the least severe one. */
    @Override
    protected Severity severity(RuleDefinition rule, double ratio, String insuranceType) {
        return rule.severityForOrLeast(ratio, insuranceType);
    }

    @Override
    protected String scopeKey(IndicatorRow row) {
        return FundImbalanceRule.scopeKey(row);
    }
}
