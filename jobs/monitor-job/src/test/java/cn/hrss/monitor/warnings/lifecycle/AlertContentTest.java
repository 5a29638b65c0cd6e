package cn.hrss.monitor.warnings.lifecycle;

import static cn.hrss.monitor.warnings.lifecycle.LifecycleFixtures.HOUR;
import static cn.hrss.monitor.warnings.lifecycle.LifecycleFixtures.T0;
import static cn.hrss.monitor.warnings.lifecycle.LifecycleFixtures.harness;
import static cn.hrss.monitor.warnings.lifecycle.LifecycleFixtures.monthsPayable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** What alerts say, alerts in processing time, and rules published while alerts are open. */
class AlertContentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyedBroadcastOperatorTestHarness<String, Observation, RuleDefinition, AlertTransition> h;

    private void observe(Observation o) throws Exception {
        h.processElement(o, o.observedAt);
    }

    private List<AlertTransition> drain() {
        List<AlertTransition> out = h.extractOutputValues();
        h.getOutput().clear();
        return out;
    }

    @Test
    void titleAndSummaryAreChineseWithTheRegionNameAndSeverity() throws Exception {
        h = harness(monthsPayable(3, HOUR));
        Observation o = monthsPayable(Severity.ORANGE, T0, "4.6");
        o.ruleVersion = 3;
        observe(o);

        AlertTransition t = drain().get(0);
        assertThat(t.regionName).isEqualTo("北京市朝阳区");
        assertThat(t.title).isEqualTo("北京市朝阳区企业职工基本养老保险基金可支付月数不足（橙色预警）");
        assertThat(t.summary).isEqualTo("北京市朝阳区企业职工基本养老保险基金可支付月数为4.6个月，低于9个月。");
        assertThat(t.runbook).isEqualTo("alerts/runbooks/fund_months_payable.md");
        assertThat(t.kind).isEqualTo("fund_months_payable");
        assertThat(t.ruleVersion).isEqualTo(3);
        assertThat(JSON.readValue(t.evidence, Map.class))
                .isEqualTo(Map.of("months", "4.6", "threshold", "9", "rule_version", "3"));
        assertThat(JSON.readValue(t.labels, Map.class)).isEqualTo(Map.of("alertname", "fund_months_payable",
                "severity", "orange", "region", "110105", "insurance_type", "110", "alert_id", t.alertId,
                "team", "fund"));
        assertThat(t.humanReview).isFalse();
    }

    @Test
    void aMunicipalDistrictIsNamedWithItsCityAndUnknownPlaceholdersStayVisible() throws Exception {
        RuleDefinition rule = monthsPayable(1, HOUR);
        rule.titleTemplate = "{region}：{no_such_value}";
        h = harness(rule);
        Observation o = monthsPayable(Severity.BLUE, T0, "10");
        o.regionCode = "110100";
        observe(o);

        assertThat(drain().get(0).title).isEqualTo("北京市市辖区：{no_such_value}");
    }

    @Test
    void aPersonScopedSuspicionNamesThePersonOnlyByPseudonymAndNeedsReview() throws Exception {
        h = harness(LifecycleFixtures.benefitAfterDeath());
        Observation o = LifecycleFixtures.observation(
                LifecycleFixtures.DEATH, "p7f3a9c21|110", Severity.YELLOW, T0);
        o.personPseudonym = "p7f3a9c21";
        o.regionCode = "310115";
        o.insuranceType = "110";
        o.evidence = Map.of("death_month", "202401", "benefit_month", "202403");
        observe(o);

        AlertTransition t = drain().get(0);
        assertThat(t.personPseudonym).isEqualTo("p7f3a9c21");
        assertThat(t.humanReview).isTrue();
        assertThat(t.employerUscc).isEmpty();
        assertThat(t.summary).isEqualTo("人员p7f3a9c21于202401死亡，202403仍发放企业职工基本养老保险待遇。");
        // Notifications are routed by labels: they must not identify the person.
        assertThat(t.labels).doesNotContain("p7f3a9c21");
    }

    @Test
    void anAlertNamingAPersonNeedsReviewEvenIfItsRuleForgotToSaySo() throws Exception {
        RuleDefinition rule = LifecycleFixtures.benefitAfterDeath();
        rule.humanReview = false;
        h = harness(rule);
        Observation o = LifecycleFixtures.observation(LifecycleFixtures.DEATH, "p1|110", Severity.YELLOW, T0);
        o.personPseudonym = "p1";
        observe(o);

        assertThat(drain().get(0).humanReview).isTrue();
    }

    @Test
    void dataAbsenceResolvesOnProcessingTimeTimersNotOnTheWatermark() throws Exception {
        long hold = 10 * 60_000L;
        h = harness(LifecycleFixtures.dataAbsence(hold));
        long now = 1_000_000L;
        h.setProcessingTime(now);
        Observation silent = LifecycleFixtures.observation(LifecycleFixtures.ABSENCE, "hrss.benefit", Severity.ORANGE,
                now);
        silent.source = "hrss.benefit";
        silent.evidence = Map.of("silence", "2小时");
        observe(silent);
        Observation back = LifecycleFixtures.observation(LifecycleFixtures.ABSENCE, "hrss.benefit", null, now + 60_000);
        observe(back);
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();

        h.watermark(Long.MAX_VALUE - 1);
        h.setProcessingTime(now + 60_000 + hold - 1);
        assertThat(drain()).extracting(t -> t.transition).containsExactly(Transition.FIRING);

        h.setProcessingTime(now + 60_000 + hold);
        List<AlertTransition> resolved = drain();
        assertThat(resolved).extracting(t -> t.transition, t -> t.endsAt, t -> t.title)
                .containsExactly(tuple(Transition.RESOLVED, now + 60_000 + hold, "hrss.benefit数据断流"));
        assertThat(LifecycleFixtures.keyedStateEntries(h)).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aPublishedLongerHoldAndNewTemplatesApplyToAnOpenAlert() throws Exception {
        h = harness(monthsPayable(1, HOUR));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        observe(monthsPayable(null, T0 + 2 * HOUR, "9.5")); // resolves at T0 + 3h under v1
        RuleDefinition v2 = monthsPayable(2, 3 * HOUR);
        v2.titleTemplate = "{region}养老基金告急（{severity}）";
        h.processBroadcastElement(v2, T0 + 2 * HOUR);

        h.watermark(T0 + 3 * HOUR);
        assertThat(drain()).extracting(t -> t.transition).containsExactly(Transition.FIRING);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);

        h.watermark(T0 + 5 * HOUR);
        assertThat(drain()).extracting(t -> t.transition, t -> t.title, t -> t.endsAt).containsExactly(
                tuple(Transition.RESOLVED, "北京市朝阳区养老基金告急（黄）", T0 + 5 * HOUR));
        assertThat(LifecycleFixtures.keyedStateEntries(h)).isZero();
    }

    @Test
    void aPublishedTemplateAppliesToTheNextTransition() throws Exception {
        h = harness(monthsPayable(1, HOUR));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        RuleDefinition v2 = monthsPayable(2, HOUR);
        v2.summaryTemplate = "可支付{months}个月（{rule}）";
        h.processBroadcastElement(v2, T0);
        observe(monthsPayable(Severity.RED, T0 + HOUR, "2.5"));

        assertThat(drain()).extracting(t -> t.transition, t -> t.summary).containsExactly(
                tuple(Transition.FIRING, "北京市朝阳区企业职工基本养老保险基金可支付月数为7.5个月，低于9个月。"),
                tuple(Transition.ESCALATED, "可支付2.5个月（基金可支付月数不足）"));
    }

    @Test
    void aPublishedShorterHoldResolvesAtTheNextClearObservation() throws Exception {
        h = harness(monthsPayable(1, 6 * HOUR));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        observe(monthsPayable(null, T0 + HOUR, "9.5"));
        h.processBroadcastElement(monthsPayable(2, HOUR), T0 + HOUR);
        observe(monthsPayable(null, T0 + 2 * HOUR, "9.6"));

        assertThat(drain()).extracting(t -> t.transition, t -> t.endsAt).containsExactly(
                tuple(Transition.FIRING, 0L), tuple(Transition.RESOLVED, T0 + 2 * HOUR));
        assertThat(LifecycleFixtures.keyedStateEntries(h)).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
