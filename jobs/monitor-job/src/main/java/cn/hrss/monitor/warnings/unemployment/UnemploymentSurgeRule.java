package cn.hrss.monitor.warnings.unemployment;

import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.patterns.ConsecutiveBreaches;
import cn.hrss.monitor.warnings.patterns.PeriodVerdict;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * unemployment_surge (失业激增), two conditions under one rule id, told apart by scope:
 * {@code surge|<region>} — a day's new registrations far above the region's recent days ({@link UnemploymentSurgeDays});
 * {@code rate|<region>} — the registered unemployment rate at or above {@code rateAtLeast} for
 * {@code rateConsecutiveMonths} closed months ({@link UnemploymentRateVerdicts} and the CEP patterns of
 * {@link ConsecutiveBreaches}).
 */
public final class UnemploymentSurgeRule {
    static final String SURGE_SCOPE = "surge|";
    static final String RATE_SCOPE = "rate|";
    /** The measure the rule's bands grade (see its YAML): 1 a daily surge, 2 a sustained rate. */
    static final double SURGE_TIER = 1;
    static final double RATE_TIER = 2;

    private UnemploymentSurgeRule() {}

    public static DataStream<Observation> observations(DataStream<IndicatorRow> indicators,
            BroadcastStream<RuleDefinition> rules, LiveRules live) {
        DataStream<Observation> surges = indicators
                .filter(r -> Indicator.UNEMPLOYMENT_REGISTRATIONS.id.equals(r.indicator) && Period.DAY.id.equals(r.period))
                .name("daily-registration-rows")
                .keyBy(r -> r.regionCode)
                .connect(rules)
                .process(new UnemploymentSurgeDays(live)).name("unemployment-surge-days").uid("unemployment-surge-days");
        DataStream<PeriodVerdict> rateVerdicts = indicators
                .filter(r -> Indicator.REGISTERED_UNEMPLOYMENT_RATE.id.equals(r.indicator)
                        && Period.MONTH.id.equals(r.period))
                .name("monthly-rate-rows")
                .keyBy(r -> r.regionCode)
                .connect(rules)
                .process(new UnemploymentRateVerdicts(live)).name("unemployment-rate-verdicts")
                .uid("unemployment-rate-verdicts");
        return surges.union(ConsecutiveBreaches.observations(rateVerdicts,
                live.deployedOfKind(RuleKind.UNEMPLOYMENT_SURGE), "rateConsecutiveMonths"));
    }
}
