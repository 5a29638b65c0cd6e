package cn.hrss.monitor.warnings.absence;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/** data_absence (数据断流): one {@link DataAbsenceDetector} per deployed rule, fed a heartbeat of the accepted events of each scope. */
public final class DataAbsenceRule {
    private DataAbsenceRule() {}

    /**
     * Wires the detector: one keyed operator per deployed data_absence rule, fed the accepted events it needs.
     * Every accepted event counts as data from its scope.
     *
     * @return one stream per deployed rule (none when the catalog has no such rule), for the caller to union
     */
    public static List<DataStream<Observation>> observations(DataStream<Event> accepted,
            BroadcastStream<RuleDefinition> rules, LiveRules live) {
        List<DataStream<Observation>> streams = new ArrayList<>();
        for (RuleDefinition rule : live.deployedOfKind(RuleKind.DATA_ABSENCE)) {
            DataAbsenceScope scope = new DataAbsenceScope(rule.param("scopeBy"));
            streams.add(accepted
                    .filter(new DataAbsenceHeartbeats(scope, DataAbsenceDetector.checkEvery(rule) / 4))
                    .name("data-absence-heartbeats-" + rule.id)
                    .keyBy(scope)
                    .connect(rules)
                    .process(new DataAbsenceDetector(live, rule.id))
                    .name("data-absence-" + rule.id).uid("data-absence-" + rule.id));
        }
        return streams;
    }
}
