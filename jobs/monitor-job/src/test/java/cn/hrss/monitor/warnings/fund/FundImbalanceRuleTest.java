package cn.hrss.monitor.warnings.fund;

import static cn.hrss.monitor.warnings.IndicatorDetectorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.patterns.ConsecutiveBreaches;
import cn.hrss.monitor.warnings.patterns.PeriodVerdict;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FundImbalanceRuleTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final RuleDefinition RULE = rule("fund_imbalance", RuleKind.FUND_IMBALANCE, 1,
            Map.of("regionLevels", "city,province", "period", "month", "ratioBelow", "1.0", "consecutivePeriods", "2"),
            band(Severity.YELLOW, 1.0, null, "")); // as in the catalog

    private KeyedBroadcastOperatorTestHarness<String, IndicatorRow, RuleDefinition, PeriodVerdict> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness(new FundImbalanceVerdicts(live(RULE)), r -> FundImbalanceRule.scopeKey(r));
    }

    private static long month(int m) {
        return midnight(LocalDate.of(2026, 1, 1).plusMonths(m - 1));
    }

    private static IndicatorRow ratio(int m, String value, long version, boolean closed) {
        long end = month(m + 1);
        return row("fund_income_outflow_ratio", "month", "city", "110100", "110", month(m), end,
                closed ? end : end - 86_400_000L, value, version);
    }

    private void feed(IndicatorRow r) throws Exception {
        harness.processElement(r, r.windowEnd - 1);
    }

    private List<PeriodVerdict> verdicts() {
        return harness.extractOutputValues();
    }

    @Test
    void aRatioJustBelowTheThresholdIsABreachAndOneAtItIsNot() throws Exception {
        feed(ratio(3, "0.9999", 1, true));
        feed(ratio(4, "1.0000", 1, true));
        harness.processWatermark(month(5));

        assertThat(verdicts()).extracting(v -> v.breach).containsExactly(true, false);
        assertThat(verdicts().get(0).severity).isEqualTo(Severity.YELLOW);
        assertThat(verdicts().get(0).label()).isEqualTo("2026-03");
        assertThat(verdicts().get(0).scopeKey).isEqualTo("110100|110");
    }

    @Test
    void refreshesOfARunningMonthMakeOneVerdictWithTheLatestVersion() throws Exception {
        feed(ratio(3, "0.5", 1, false));
        feed(ratio(3, "1.2", 3, false));
        feed(ratio(3, "0.7", 2, false)); // an older refresh arriving late: overtaken
        harness.processWatermark(month(4) - 2);
        assertThat(verdicts()).isEmpty(); // the month has not ended: refreshed rows are not periods

        harness.processWatermark(month(4) - 1);
        assertThat(verdicts()).singleElement().satisfies(v -> {
            assertThat(v.value).isEqualTo("1.2");
            assertThat(v.breach).isFalse();
        });
    }

    @Test
    void aCorrectionAfterTheMonthClosedIsNotJudgedAgain() throws Exception {
        feed(ratio(3, "0.8", 1, false));
        harness.processWatermark(month(4));
        feed(ratio(3, "1.5", 2, true));
        harness.processWatermark(month(5));

        assertThat(verdicts()).extracting(v -> v.label() + "=" + v.value).containsExactly("2026-03=0.8", "2026-04=");
    }

    @Test
    void aMonthWithoutAnyRowAfterABreachIsJudgedWithinTheThreshold() throws Exception {
        feed(ratio(3, "0.8", 1, true));
        harness.processWatermark(month(6));

        assertThat(verdicts()).extracting(v -> v.label() + ":" + v.breach + ":" + v.value)
                .containsExactly("2026-03:true:0.8", "2026-04:false:");
    }

    @Test
    void aPublishedThresholdDecidesTheNextClosedMonths() throws Exception {
        feed(ratio(3, "0.95", 1, true));
        harness.processWatermark(month(4));
        harness.processBroadcastElement(republished(RULE, Map.of("ratioBelow", "0.9")), month(4));
        feed(ratio(4, "0.95", 1, true));
        harness.processWatermark(month(5));

        assertThat(verdicts()).extracting(v -> v.breach + "@v" + v.ruleVersion + "<" + v.threshold)
                .containsExactly("true@v1<1.0", "false@v2<0.9");
    }

    @Test
    void aThresholdPublishedAboveTheBandsStillGradesItsBreaches() throws Exception {
        harness.processBroadcastElement(republished(RULE, Map.of("ratioBelow", "1.1")), 0);
        feed(ratio(3, "1.05", 1, true));
        harness.processWatermark(month(4));

        assertThat(verdicts()).singleElement().satisfies(v -> assertThat(v.severity).isEqualTo(Severity.YELLOW));
    }

    @Test
    void aStructuralChangeIsRefusedAndTheDeployedRuleStaysInForce() throws Exception {
        harness.processBroadcastElement(republished(RULE, Map.of("consecutivePeriods", "3", "ratioBelow", "0.5")), 0);
        feed(ratio(3, "0.95", 1, true));
        harness.processWatermark(month(4));

        assertThat(harness.getBroadcastState(LiveRules.STATE).contains(RULE.id)).isFalse();
        assertThat(verdicts()).singleElement().satisfies(v -> assertThat(v.breach).isTrue());
    }

    @Test
    void levelsOutsideTheRuleAreNotJudged() throws Exception {
        IndicatorRow county = ratio(3, "0.5", 1, true);
        county.regionLevel = "county";
        feed(county);
        harness.processWatermark(month(4));

        assertThat(verdicts()).isEmpty();
    }

    @Test
    void stateStaysTheSameSizeHoweverManyMonthsPass() throws Exception {
        feed(ratio(1, "0.5", 1, true));
        harness.processWatermark(month(2));
        int afterOneMonth = keyedStateEntries(harness);
        for (int m = 2; m <= 12; m++) {
            feed(ratio(m, m % 2 == 0 ? "0.5" : "1.5", 1, false));
            feed(ratio(m, m % 2 == 0 ? "0.6" : "1.6", 2, true));
            harness.processWatermark(month(m + 1));
        }
        assertThat(verdicts()).hasSize(12);
        assertThat(keyedStateEntries(harness)).isEqualTo(afterOneMonth).isEqualTo(1); // the last closed month only
    }

    // The CEP step, on a MiniCluster: verdicts of one scope in event time.

    @Test
    void twoConsecutiveBreachesHoldAndTheFirstGoodMonthClears() throws Exception {
        List<Observation> out = runPatterns(verdict(1, true), verdict(2, true), verdict(3, true), verdict(4, false),
                verdict(5, false));

        assertThat(out).extracting(o -> o.severity == null ? "clear@" + o.evidence.get("latest_period")
                        : o.severity.id + "@" + o.evidence.get("latest_period") + " from " + o.evidence.get("first_period"))
                .containsExactlyInAnyOrder("yellow@2026-02 from 2026-01", "yellow@2026-03 from 2026-02",
                        "clear@2026-04");
    }

    @Test
    void breachesInterruptedByAGoodMonthDoNotHold() throws Exception {
        List<Observation> out = runPatterns(verdict(1, true), verdict(2, false), verdict(3, true), verdict(4, false));

        assertThat(out).allSatisfy(o -> assertThat(o.holds()).isFalse());
    }

    @Test
    void verdictsArrivingOutOfOrderAreMatchedInMonthOrder() throws Exception {
        List<Observation> out = runPatterns(verdict(2, true), verdict(1, false), verdict(3, true));

        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.holds()).isTrue();
            assertThat(o.evidence.get("values")).isEqualTo("2026-02=0.8, 2026-03=0.8");
        });
    }

    @Test
    void theWiredDetectorHoldsAfterTwoDeficitMonthsAndClearsAfterAGoodOne() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<IndicatorRow> rows = env.fromData(IndicatorRow.class, ratio(1, "0.7", 1, false),
                        ratio(1, "0.8", 2, true), ratio(2, "0.9", 1, false), ratio(3, "1.3", 1, true))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<IndicatorRow>forMonotonousTimestamps()
                        .withTimestampAssigner((r, ts) -> r.windowEnd - 1)).setParallelism(1);
        BroadcastStream<RuleDefinition> rules = env.fromData(RuleDefinition.class, RULE).broadcast(LiveRules.STATE);
        List<Observation> out = new ArrayList<>();
        FundImbalanceRule.observations(rows, rules, live(RULE)).executeAndCollect().forEachRemaining(out::add);

        assertThat(out).extracting(o -> (o.holds() ? o.severity.id : "clear") + " " + o.scopeKey + " "
                        + o.evidence.get("values"))
                .containsExactly("yellow 110100|110 2026-01=0.8, 2026-02=0.9", "clear 110100|110 null");
    }

    private static PeriodVerdict verdict(int m, boolean breach) {
        PeriodVerdict v = new PeriodVerdict();
        v.ruleId = RULE.id;
        v.ruleVersion = 1;
        v.scopeKey = "110100|110";
        v.regionCode = "110100";
        v.insuranceType = "110";
        v.indicator = "fund_income_outflow_ratio";
        v.period = "month";
        v.windowStart = month(m);
        v.windowEnd = month(m + 1);
        v.value = breach ? "0.8" : "1.2";
        v.threshold = "1.0";
        v.breach = breach;
        v.severity = breach ? Severity.YELLOW : null;
        return v;
    }

    private static List<Observation> runPatterns(PeriodVerdict... verdicts) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // Watermarks trail the verdicts by a month, so out-of-order input is not late.
        DataStream<PeriodVerdict> in = env.fromData(PeriodVerdict.class, verdicts)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<PeriodVerdict>forBoundedOutOfOrderness(
                                java.time.Duration.ofDays(31)).withTimestampAssigner((v, ts) -> v.windowEnd - 1));
        List<Observation> out = new ArrayList<>();
        ConsecutiveBreaches.observations(in, List.of(RULE), "consecutivePeriods").executeAndCollect()
                .forEachRemaining(out::add);
        return out;
    }
}
