package cn.hrss.monitor.warnings.fund;

import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/** fund_months_payable (基金可支付月数): the monthly months-payable rows of each region and insurance type, graded by {@link FundMonthsPayableDetector}. */
public final class FundMonthsPayableRule {
    private FundMonthsPayableRule() {}

    public static DataStream<Observation> observations(DataStream<IndicatorRow> indicators,
            BroadcastStream<RuleDefinition> rules, LiveRules live) {
        return indicators
                .filter(r -> Indicator.FUND_MONTHS_PAYABLE.id.equals(r.indicator) && Period.MONTH.id.equals(r.period))
                .name("months-payable-rows")
                .keyBy(r -> r.regionCode + "|" + r.insuranceType)
                .connect(rules)
                .process(new FundMonthsPayableDetector(live)).name("fund-months-payable").uid("fund-months-payable");
    }
}
