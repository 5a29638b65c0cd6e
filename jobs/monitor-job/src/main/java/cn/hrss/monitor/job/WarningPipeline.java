package cn.hrss.monitor.job;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.absence.DataAbsenceRule;
import cn.hrss.monitor.warnings.fraud.BenefitAfterDeathRule;
import cn.hrss.monitor.warnings.fraud.UiWhileEmployedRule;
import cn.hrss.monitor.warnings.fund.FundImbalanceRule;
import cn.hrss.monitor.warnings.fund.FundMonthsPayableRule;
import cn.hrss.monitor.warnings.layoff.MassLayoffRule;
import cn.hrss.monitor.warnings.lifecycle.AlertLifecycle;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.unemployment.UnemploymentSurgeRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Early warnings: every detector of the catalog's rule kinds, fed the accepted events and the indicator rows, their
 * observations turned into alerts by one lifecycle. Rules come from the deployed catalog; published updates arrive as
 * broadcast state and reach every detector and the lifecycle at once.
 */
public final class WarningPipeline {
    private WarningPipeline() {}

    /**
     * @param ruleUpdates published rule versions (the rules topic); must not hold back the watermark
     * @param catalog the rules the job is deployed with
     */
    public static DataStream<AlertTransition> alerts(DataStream<Event> accepted, DataStream<IndicatorRow> indicators,
            DataStream<RuleDefinition> ruleUpdates, List<RuleDefinition> catalog) {
        LiveRules live = new LiveRules(catalog);
        BroadcastStream<RuleDefinition> rules = ruleUpdates.broadcast(LiveRules.STATE);

        List<DataStream<Observation>> observations = new ArrayList<>();
        observations.add(FundImbalanceRule.observations(indicators, rules, live));
        observations.add(FundMonthsPayableRule.observations(indicators, rules, live));
        observations.add(UnemploymentSurgeRule.observations(indicators, rules, live));
        observations.add(MassLayoffRule.observations(indicators, accepted, rules, live));
        observations.addAll(BenefitAfterDeathRule.observations(accepted, rules, live));
        observations.addAll(UiWhileEmployedRule.observations(accepted, rules, live));
        observations.addAll(DataAbsenceRule.observations(accepted, rules, live));

        DataStream<Observation> all = observations.get(0);
        for (DataStream<Observation> more : observations.subList(1, observations.size())) {
            all = all.union(more);
        }
        return all
                .keyBy(AlertLifecycle::keyOf)
                .connect(rules)
                .process(new AlertLifecycle(live)).name("alert-lifecycle").uid("alert-lifecycle");
    }
}
