package cn.hrss.monitor.warnings.lifecycle;

import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/** Rules, observations and a lifecycle harness for the lifecycle and output tests. */
final class LifecycleFixtures {
    static final long HOUR = 3_600_000L;
    /** 2024-03-01 00:00:00 in Asia/Shanghai. */
    static final long T0 = 1_709_222_400_000L;

    static final String MONTHS_PAYABLE = "fund_months_payable";
    static final String ABSENCE = "data_absence";
    static final String DEATH = "benefit_after_death";

    private LifecycleFixtures() {}

    static RuleDefinition monthsPayable(int version, long holdMillis) {
        RuleDefinition r = rule(MONTHS_PAYABLE, RuleKind.FUND_MONTHS_PAYABLE, version, holdMillis);
        r.name = "基金可支付月数不足";
        r.scope = "region";
        r.titleTemplate = "{region}{insurance}基金可支付月数不足（{severity}色预警）";
        r.summaryTemplate = "{region}{insurance}基金可支付月数为{months}个月，低于{threshold}个月。";
        r.labels.put("team", "fund");
        return r;
    }

    static RuleDefinition dataAbsence(long holdMillis) {
        RuleDefinition r = rule(ABSENCE, RuleKind.DATA_ABSENCE, 1, holdMillis);
        r.name = "数据断流";
        r.scope = "source";
        r.titleTemplate = "{source}数据断流";
        r.summaryTemplate = "{source}已{silence}无数据。";
        return r;
    }

    static RuleDefinition benefitAfterDeath() {
        RuleDefinition r = rule(DEATH, RuleKind.BENEFIT_AFTER_DEATH, 1, 0);
        r.name = "死亡后待遇发放疑点";
        r.scope = "person";
        r.titleTemplate = "{region}死亡后仍发放待遇疑点";
        r.summaryTemplate = "人员{person}于{death_month}死亡，{benefit_month}仍发放{insurance}待遇。";
        r.humanReview = true;
        return r;
    }

    private static RuleDefinition rule(String id, RuleKind kind, int version, long holdMillis) {
        RuleDefinition r = new RuleDefinition();
        r.id = id;
        r.version = version;
        r.kind = kind;
        r.runbook = "alerts/runbooks/" + id + ".md";
        r.holdMillis = holdMillis;
        return r;
    }

    /** A months-payable observation for Beijing Chaoyang, enterprise pension; {@code severity} null = clear. */
    static Observation monthsPayable(Severity severity, long at, String months) {
        Observation o = observation(MONTHS_PAYABLE, "110105|110", severity, at);
        o.regionCode = "110105";
        o.insuranceType = "110";
        o.evidence = new HashMap<>(Map.of("months", months, "threshold", "9"));
        return o;
    }

    static Observation observation(String ruleId, String scopeKey, Severity severity, long at) {
        Observation o = new Observation();
        o.ruleId = ruleId;
        o.ruleVersion = 1;
        o.scopeKey = scopeKey;
        o.severity = severity;
        o.observedAt = at;
        return o;
    }

    static KeyedBroadcastOperatorTestHarness<String, Observation, RuleDefinition, AlertTransition> harness(
            RuleDefinition... catalog) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new AlertLifecycle(new LiveRules(List.of(catalog))), AlertLifecycle::keyOf, Types.STRING,
                LiveRules.STATE);
    }

    /**
     * Keyed state entries of the harness's operator (heap backend). The broadcast harness lacks the
     * {@code numKeyedStateEntries()} of the one-input harness; this reads the same count.
     */
    static int keyedStateEntries(AbstractStreamOperatorTestHarness<?> h) {
        return ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }
}
