package cn.hrss.monitor.warnings.fund;

import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.patterns.ConsecutiveBreaches;
import cn.hrss.monitor.warnings.patterns.PeriodVerdict;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * fund_imbalance (基金收支失衡): outflow above income, i.e. the income/outflow ratio below {@code ratioBelow}, for
 * {@code consecutivePeriods} closed periods in a row, per region (at {@code regionLevels}) and insurance type.
 *
 * <p>Two steps: {@link FundImbalanceVerdicts} closes each period of the {@code fund_income_outflow_ratio} series and
 * judges it with the live threshold (so a published {@code ratioBelow} applies at once); the CEP patterns of
 * {@link ConsecutiveBreaches} find the run and its end. {@code period} and {@code consecutivePeriods} are structural.
 */
public final class FundImbalanceRule {
    private FundImbalanceRule() {}

    public static DataStream<Observation> observations(DataStream<IndicatorRow> indicators,
            BroadcastStream<RuleDefinition> rules, LiveRules live) {
        List<RuleDefinition> deployed = live.deployedOfKind(RuleKind.FUND_IMBALANCE);
        Set<String> periods = deployed.stream().map(r -> r.param("period")).collect(Collectors.toSet());
        DataStream<PeriodVerdict> verdicts = indicators
                .filter(r -> Indicator.FUND_INCOME_OUTFLOW_RATIO.id.equals(r.indicator) && periods.contains(r.period))
                .name("fund-ratio-rows")
                .keyBy(r -> r.period + "|" + scopeKey(r))
                .connect(rules)
                .process(new FundImbalanceVerdicts(live)).name("fund-imbalance-verdicts").uid("fund-imbalance-verdicts");
        // Each rule judges only the period it names.
        Set<String> rulePeriods = deployed.stream().map(r -> r.id + "|" + r.param("period")).collect(Collectors.toSet());
        DataStream<PeriodVerdict> ofRulePeriod = verdicts
                .filter(v -> rulePeriods.contains(v.ruleId + "|" + v.period)).name("fund-imbalance-rule-period");
        return ConsecutiveBreaches.observations(ofRulePeriod, deployed, "consecutivePeriods");
    }

    static String scopeKey(IndicatorRow row) {
        return row.regionCode + "|" + row.insuranceType;
    }
}
