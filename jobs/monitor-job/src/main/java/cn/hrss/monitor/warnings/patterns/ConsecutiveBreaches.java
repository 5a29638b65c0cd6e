package cn.hrss.monitor.warnings.patterns;

import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.util.Collector;

/**
 * "Breached for N consecutive periods" as observations, per (rule, scope): {@link ConsecutiveBreachesPattern} holds
 * with the severity of the latest breach, {@link RecoveryAfterBreachPattern} clears.
 *
 * <p>The verdicts come in event time (each carries its period's end as timestamp), and CEP orders them by it before
 * matching, so the patterns see periods in calendar order even across parallel inputs; {@link InEventTimeOrder} keeps
 * that order across the two patterns' outputs. N is the rule's structural parameter: the pattern is part of the job
 * graph, one per deployed rule.
 */
public final class ConsecutiveBreaches {
    private ConsecutiveBreaches() {}

    /**
     * @param verdicts one verdict per closed period, rule and scope
     * @param rules the deployed rules of one kind
     * @param periodsParam the structural parameter holding N, e.g. {@code consecutivePeriods}
     */
    public static DataStream<Observation> observations(DataStream<PeriodVerdict> verdicts, List<RuleDefinition> rules,
            String periodsParam) {
        DataStream<Observation> all = null;
        for (RuleDefinition rule : rules) {
            String id = rule.id;
            KeyedStream<PeriodVerdict, String> perScope = verdicts
                    .filter(v -> v.ruleId.equals(id)).name(id + "-verdicts")
                    .keyBy(PeriodVerdict::patternKey);
            DataStream<Observation> holds = CEP.pattern(perScope, ConsecutiveBreachesPattern.of(rule.integer(periodsParam)))
                    .process(new HoldWhileBreached(rule.integer(periodsParam))).name(id + "-consecutive-breaches")
                    .uid(id + "-consecutive-breaches");
            DataStream<Observation> clears = CEP.pattern(perScope, RecoveryAfterBreachPattern.of())
                    .process(new ClearOnRecovery()).name(id + "-recovery").uid(id + "-recovery");
            DataStream<Observation> both = holds.union(clears)
                    .keyBy(o -> o.ruleId + "|" + o.scopeKey)
                    .process(new InEventTimeOrder()).name(id + "-in-period-order").uid(id + "-in-period-order");
            all = all == null ? both : all.union(both);
        }
        if (all == null) {
            throw new IllegalArgumentException("no deployed rule to build the consecutive-breaches pattern for");
        }
        return all;
    }

    static Observation observation(PeriodVerdict latest) {
        Observation o = new Observation();
        o.ruleId = latest.ruleId;
        o.ruleVersion = latest.ruleVersion;
        o.scopeKey = latest.scopeKey;
        o.regionCode = latest.regionCode;
        o.insuranceType = latest.insuranceType;
        o.observedAt = latest.windowEnd;
        o.evidence.put("indicator", latest.indicator);
        o.evidence.put("period", latest.period);
        o.evidence.put("latest_period", latest.label());
        o.evidence.put("value", latest.value);
        o.evidence.put("threshold", latest.threshold);
        return o;
    }

    private static String chineseName(String indicatorId) {
        for (Indicator i : Indicator.values()) {
            if (i.id.equals(indicatorId)) {
                return i.chineseName;
            }
        }
        return indicatorId;
    }

    /** Holds with the latest breach's severity; the evidence lists every period of the run. */
    static final class HoldWhileBreached extends PatternProcessFunction<PeriodVerdict, Observation> {
        private final int periods;

        HoldWhileBreached(int periods) {
            this.periods = periods;
        }

        @Override
        public void processMatch(Map<String, List<PeriodVerdict>> match, Context ctx, Collector<Observation> out) {
            List<PeriodVerdict> run = match.get(ConsecutiveBreachesPattern.BREACHES);
            PeriodVerdict latest = run.get(run.size() - 1);
            Observation o = observation(latest);
            o.severity = latest.severity;
            o.evidence.put("consecutive_periods", String.valueOf(periods));
            o.evidence.put("first_period", run.get(0).label());
            o.evidence.put("values", run.stream().map(v -> v.label() + "=" + v.value).collect(Collectors.joining(", ")));
            o.evidence.put("detail", "自" + run.get(0).label() + "起连续" + periods + "期" + chineseName(latest.indicator)
                    + "越过预警线" + latest.threshold + "（最近一期" + latest.label() + "为" + latest.value + "）");
            out.collect(o);
        }
    }

    /** Clears with the value of the first period back within the threshold. */
    static final class ClearOnRecovery extends PatternProcessFunction<PeriodVerdict, Observation> {
        @Override
        public void processMatch(Map<String, List<PeriodVerdict>> match, Context ctx, Collector<Observation> out) {
            out.collect(observation(match.get(RecoveryAfterBreachPattern.RECOVERED).get(0)));
        }
    }
}
