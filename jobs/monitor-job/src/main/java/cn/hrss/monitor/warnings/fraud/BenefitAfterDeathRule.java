package cn.hrss.monitor.warnings.fraud;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.List;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/** benefit_after_death (死亡冒领): one {@link BenefitAfterDeathDetector} per deployed rule, keyed by person. */
public final class BenefitAfterDeathRule {
    private BenefitAfterDeathRule() {}

    /**
     * Wires the detector: one keyed operator per deployed benefit_after_death rule, fed the accepted events it needs.
     *
     * @return one stream per deployed rule (none when the catalog has no such rule), for the caller to union
     */
    public static List<DataStream<Observation>> observations(DataStream<Event> accepted,
            BroadcastStream<RuleDefinition> rules, LiveRules live) {
        return PersonSuspicionDetector.wire(accepted, rules, live, RuleKind.BENEFIT_AFTER_DEATH, BenefitAfterDeathDetector::isInput, BenefitAfterDeathDetector::new);
    }
}
