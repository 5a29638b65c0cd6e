package cn.hrss.monitor.warnings;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import cn.hrss.monitor.warnings.rules.SeverityBand;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/** Rules, indicator rows and harnesses for the tests of the indicator-driven detectors. */
public final class IndicatorDetectorFixtures {
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private IndicatorDetectorFixtures() {}

    public static RuleDefinition rule(String id, RuleKind kind, int version, Map<String, String> params, SeverityBand... bands) {
        RuleDefinition r = new RuleDefinition();
        r.id = id;
        r.kind = kind;
        r.version = version;
        r.scope = "region";
        r.name = id;
        r.params = new LinkedHashMap<>(params);
        r.bands = List.of(bands);
        r.sourceFile = "test/" + id + ".yaml";
        return r;
    }

    /** The same rule, one version later, with some parameters changed. */
    public static RuleDefinition republished(RuleDefinition r, Map<String, String> changedParams) {
        RuleDefinition u = rule(r.id, r.kind, r.version + 1, r.params, r.bands.toArray(new SeverityBand[0]));
        u.params.putAll(changedParams);
        return u;
    }

    public static SeverityBand band(Severity s, Double below, Double atLeast, String insuranceType) {
        return new SeverityBand(s, below, atLeast, insuranceType);
    }

    public static long midnight(LocalDate day) {
        return day.atStartOfDay(CHINA).toInstant().toEpochMilli();
    }

    /** A row of the window [start, end) as of {@code asOf}. */
    public static IndicatorRow row(String indicator, String period, String level, String region, String insurance,
            long start, long end, long asOf, String value, long version) {
        IndicatorRow r = new IndicatorRow();
        r.indicator = indicator;
        r.period = period;
        r.regionLevel = level;
        r.regionCode = region;
        r.insuranceType = insurance;
        r.windowStart = start;
        r.windowEnd = end;
        r.asOf = asOf;
        r.value = new BigDecimal(value);
        r.version = version;
        return r;
    }

    /** A harness whose watermark follows the main input alone. */
    public static <IN, OUT> KeyedBroadcastOperatorTestHarness<String, IN, RuleDefinition, OUT> harness(
            KeyedBroadcastProcessFunction<String, IN, RuleDefinition, OUT> function, KeySelector<IN, String> key)
            throws Exception {
        KeyedBroadcastOperatorTestHarness<String, IN, RuleDefinition, OUT> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(function, key, Types.STRING, LiveRules.STATE);
        h.processBroadcastWatermark(Long.MAX_VALUE); // as in the job: the rules never hold back the watermark
        return h;
    }

    public static LiveRules live(RuleDefinition... deployed) {
        return new LiveRules(List.of(deployed));
    }

    /** Keyed state entries over all keys and states (heap backend, as the harness uses). */
    public static int keyedStateEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness) {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }
}
