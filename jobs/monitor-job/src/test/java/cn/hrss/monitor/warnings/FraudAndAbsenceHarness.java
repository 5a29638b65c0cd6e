package cn.hrss.monitor.warnings;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import cn.hrss.monitor.warnings.rules.SeverityBand;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/** Operator harness plumbing for the benefit_after_death, ui_while_employed and data_absence detector tests. */
public final class FraudAndAbsenceHarness {
    private FraudAndAbsenceHarness() {}

    /** A harness whose rules input never holds back the watermark, as the job wires it. */
    public static KeyedBroadcastOperatorTestHarness<String, Event, RuleDefinition, Observation> open(
            KeyedBroadcastProcessFunction<String, Event, RuleDefinition, Observation> detector,
            KeySelector<Event, String> key) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Event, RuleDefinition, Observation> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(detector, key, Types.STRING,
                        LiveRules.STATE);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    /** Keyed state entries left in the operator (heap backend), the way the one-input keyed harness counts them. */
    public static int keyedStateEntries(KeyedBroadcastOperatorTestHarness<String, Event, RuleDefinition, Observation> h) {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) h.getTwoInputOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    /** @return the observations emitted since the last call */
    public static List<Observation> drain(KeyedBroadcastOperatorTestHarness<String, Event, RuleDefinition, Observation> h) {
        List<Observation> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    public static RuleDefinition rule(String id, RuleKind kind, int version, Map<String, String> params,
            SeverityBand... bands) {
        RuleDefinition r = new RuleDefinition();
        r.id = id;
        r.kind = kind;
        r.version = version;
        r.name = id;
        r.scope = "person";
        r.params.putAll(params);
        r.bands.addAll(List.of(bands));
        return r;
    }

    public static SeverityBand atLeast(Severity severity, double value) {
        return new SeverityBand(severity, null, value, "");
    }

    /** @return epoch ms of a China Standard Time wall time such as {@code 2025-05-10T09:00} */
    public static long china(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    public static Event event(EventType type, String person, String chinaTime) {
        Event e = new Event();
        e.eventId = type.wireName + "-" + person + "-" + chinaTime;
        e.type = type;
        e.personPseudonym = person;
        e.occurredAt = china(chinaTime);
        e.regionCode = "110105";
        return e;
    }
}
