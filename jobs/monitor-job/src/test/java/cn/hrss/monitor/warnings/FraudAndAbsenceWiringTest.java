package cn.hrss.monitor.warnings;

import cn.hrss.monitor.warnings.absence.DataAbsenceDetector;
import cn.hrss.monitor.warnings.fraud.BenefitAfterDeathDetector;
import cn.hrss.monitor.warnings.fraud.UiWhileEmployedDetector;

import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.atLeast;
import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.warnings.absence.DataAbsenceRule;
import cn.hrss.monitor.warnings.fraud.BenefitAfterDeathRule;
import cn.hrss.monitor.warnings.fraud.UiWhileEmployedRule;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The wiring methods on a local environment: filters, keys and operators fit together and the detectors fire. */
class FraudAndAbsenceWiringTest {

    @Test
    void scenarioEventsThroughTheWiredDetectorsRaiseBothSuspicions() throws Exception {
        List<RuleDefinition> catalog = List.of(
                FraudAndAbsenceHarness.rule("benefit_after_death", RuleKind.BENEFIT_AFTER_DEATH, 1,
                        Map.of("graceMonths", "0", "retention", "400d"), atLeast(Severity.YELLOW, 1)),
                FraudAndAbsenceHarness.rule("ui_while_employed", RuleKind.UI_WHILE_EMPLOYED, 1,
                        Map.of("retention", "400d"), atLeast(Severity.YELLOW, 1)),
                FraudAndAbsenceHarness.rule("data_absence", RuleKind.DATA_ABSENCE, 1,
                        Map.of("scopeBy", "region", "expectedGap", "20s", "checkEvery", "5s"),
                        atLeast(Severity.ORANGE, 0)));
        LiveRules live = new LiveRules(catalog);

        Event pension = event(EventType.BENEFIT_PAID, "dead", "2025-05-10T09:00");
        pension.benefitItem = "pension";
        pension.insuranceType = "110";
        pension.benefitMonth = 202505;
        Event death = event(EventType.DEATH_RECORDED, "dead", "2025-05-28T09:00");
        death.recordDate = 20250402;
        Event enrolled = event(EventType.INSURED_ENROLLED, "hired", "2025-05-06T10:00");
        enrolled.employerUscc = "91110105MA01ABCD1X";
        enrolled.contributorKind = "employer";
        Event benefit = event(EventType.BENEFIT_PAID, "hired", "2025-05-20T09:00");
        benefit.benefitItem = "unemployment_benefit";
        benefit.insuranceType = "210";
        benefit.benefitMonth = 202505;

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Event> accepted = env.fromData(pension, enrolled, benefit, death)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofDays(1))
                        .withTimestampAssigner((e, ts) -> e.occurredAt));
        // Nothing published: the rules input ends at once, so it never holds back the watermark.
        BroadcastStream<RuleDefinition> rules = env.fromData(catalog.get(0)).filter(r -> false)
                .broadcast(LiveRules.STATE);
        List<DataStream<Observation>> streams = new ArrayList<>();
        streams.addAll(BenefitAfterDeathRule.observations(accepted, rules, live));
        streams.addAll(UiWhileEmployedRule.observations(accepted, rules, live));
        streams.addAll(DataAbsenceRule.observations(accepted, rules, live));
        assertThat(streams).hasSize(3);
        DataStream<Observation> all = streams.get(0).union(streams.get(1), streams.get(2));

        List<Observation> out = new ArrayList<>();
        all.executeAndCollect().forEachRemaining(out::add);

        assertThat(out).filteredOn(Observation::holds)
                .extracting(o -> o.ruleId + ":" + o.scopeKey)
                .containsExactlyInAnyOrder("benefit_after_death:dead", "ui_while_employed:hired");
    }
}
