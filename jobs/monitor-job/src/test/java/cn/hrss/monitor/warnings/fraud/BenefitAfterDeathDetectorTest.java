package cn.hrss.monitor.warnings.fraud;

import cn.hrss.monitor.warnings.FraudAndAbsenceHarness;

import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.atLeast;
import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.china;
import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.drain;
import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.event;
import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.keyedStateEntries;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BenefitAfterDeathDetectorTest {
    private static final String PERSON = "p-5f2a";

    private KeyedBroadcastOperatorTestHarness<String, Event, RuleDefinition, Observation> harness;
    private long watermark = Long.MIN_VALUE;

    private static RuleDefinition rule(int version, int graceMonths) {
        return FraudAndAbsenceHarness.rule("benefit_after_death", RuleKind.BENEFIT_AFTER_DEATH, version,
                Map.of("graceMonths", String.valueOf(graceMonths), "retention", "400d"),
                atLeast(Severity.ORANGE, 1), atLeast(Severity.RED, 6));
    }

    @BeforeEach
    void open() throws Exception {
        harness = FraudAndAbsenceHarness.open(
                new BenefitAfterDeathDetector(new LiveRules(List.of(rule(1, 0))), "benefit_after_death"),
                BenefitAfterDeathDetector::personOf);
    }

    private static Event pension(String paidAt, int benefitMonth, long fen) {
        Event e = event(EventType.BENEFIT_PAID, PERSON, paidAt);
        e.insuranceType = "110";
        e.benefitItem = "pension";
        e.benefitMonth = benefitMonth;
        e.amountFen = fen;
        e.batchId = "B110-" + benefitMonth;
        e.regionCode = "110105";
        return e;
    }

    private static Event death(String recordedAt, int recordDate) {
        Event e = event(EventType.DEATH_RECORDED, PERSON, recordedAt);
        e.recordDate = recordDate;
        e.recordSource = "civil_affairs";
        return e;
    }

    /** Sends {@code e} and lets the watermark pass it: the detector judges it now, after any it waited for. */
    private void send(Event e) throws Exception {
        harness.processElement(e, e.occurredAt);
        watermark = Math.max(watermark, e.occurredAt);
        harness.processWatermark(watermark);
    }


    @Test
    void paymentBeforeTheLateDeathRecordIsFlaggedWhenTheRecordArrives() throws Exception {
        send(pension("2025-05-10T09:00", 202505, 320_000));
        assertThat(drain(harness)).isEmpty();

        send(death("2025-06-20T10:00", 20250320));

        List<Observation> out = drain(harness);
        assertThat(out).hasSize(1);
        Observation o = out.get(0);
        assertThat(o.severity).isEqualTo(Severity.ORANGE);
        assertThat(o.scopeKey).isEqualTo(PERSON);
        assertThat(o.personPseudonym).isEqualTo(PERSON);
        assertThat(o.regionCode).isEqualTo("110105");
        assertThat(o.insuranceType).isEqualTo("110");
        assertThat(o.observedAt).isEqualTo(china("2025-06-20T10:00"));
        assertThat(o.evidence).containsEntry("deathMonth", "2025-03").containsEntry("benefitMonth", "2025-05")
                .containsEntry("monthsPaidAfterDeath", "1").containsEntry("amount", "3200.00")
                .containsEntry("batchIds", "B110-202505").containsEntry("value", "1");
    }

    @Test
    void paymentAfterAKnownDeathIsFlagged() throws Exception {
        send(death("2025-04-02T10:00", 20250320));
        send(pension("2025-05-10T09:00", 202505, 320_000));

        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.severity).isEqualTo(Severity.ORANGE);
            assertThat(o.observedAt).isEqualTo(china("2025-05-10T09:00"));
        });
    }

    @Test
    void theMonthOfDeathIsStillFineTheNextIsNot() throws Exception {
        send(death("2025-04-02T10:00", 20250331));
        send(pension("2025-03-05T09:00", 202503, 320_000));
        assertThat(drain(harness)).isEmpty();

        send(pension("2025-04-05T09:00", 202504, 320_000));
        assertThat(drain(harness)).singleElement().satisfies(o -> assertThat(o.severity).isEqualTo(Severity.ORANGE));
    }

    @Test
    void eachFurtherMonthUpdatesTheSameScopeAndARepeatChangesNothing() throws Exception {
        send(death("2025-04-02T10:00", 20250320));
        send(pension("2025-04-10T09:00", 202504, 320_000));
        send(pension("2025-05-10T09:00", 202505, 320_000));
        List<Observation> out = drain(harness);

        assertThat(out).hasSize(2).allSatisfy(o -> assertThat(o.scopeKey).isEqualTo(PERSON));
        assertThat(out.get(1).evidence).containsEntry("monthsPaidAfterDeath", "2")
                .containsEntry("benefitMonth", "2025-04、2025-05").containsEntry("amount", "6400.00");

        send(death("2025-06-01T10:00", 20250320)); // the same death from a second source
        assertThat(drain(harness)).isEmpty();
    }

    @Test
    void lateOutOfOrderPaymentCountsAndIsObservedAtTheLatestActivity() throws Exception {
        send(death("2025-07-01T10:00", 20250320));
        send(pension("2025-05-10T09:00", 202505, 320_000)); // older than the death record, arrives after it
        harness.processWatermark(china("2025-06-30T00:00"));
        send(pension("2025-04-10T09:00", 202504, 300_000)); // even older, behind the watermark

        List<Observation> out = drain(harness);
        assertThat(out).hasSize(2);
        assertThat(out).allSatisfy(o -> assertThat(o.observedAt).isEqualTo(china("2025-07-01T10:00")));
        assertThat(out.get(1).evidence).containsEntry("monthsPaidAfterDeath", "2").containsEntry("amount", "6200.00");
    }

    @Test
    void publishedGraceMonthsChangeTheOutcomeWithoutARestart() throws Exception {
        harness.processBroadcastElement(rule(2, 2), 0);
        send(death("2025-04-02T10:00", 20250320));
        send(pension("2025-05-10T09:00", 202505, 320_000));
        assertThat(drain(harness)).isEmpty();

        send(pension("2025-06-10T09:00", 202506, 320_000));
        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.ruleVersion).isEqualTo(2);
            assertThat(o.evidence).containsEntry("benefitMonth", "2025-06").containsEntry("graceMonths", "2");
        });
    }

    @Test
    void retentionForgetsThePersonAndClearsTheSuspicion() throws Exception {
        send(death("2025-04-02T10:00", 20250320));
        send(pension("2025-05-10T09:00", 202505, 320_000));
        drain(harness);
        long expiry = china("2025-05-10T09:00") + Duration.ofDays(400).toMillis();

        harness.processWatermark(expiry - 1);
        assertThat(drain(harness)).isEmpty();
        assertThat(keyedStateEntries(harness)).isPositive();

        harness.processWatermark(expiry);
        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.holds()).isFalse();
            assertThat(o.scopeKey).isEqualTo(PERSON);
            assertThat(o.observedAt).isEqualTo(expiry);
        });
        assertThat(keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLivingPensionerIsNeverFlaggedAndForgottenQuietly() throws Exception {
        for (int month = 1; month <= 12; month++) {
            send(pension(String.format("2025-%02d-10T09:00", month), 202500 + month, 320_000));
        }
        harness.processWatermark(china("2025-12-10T09:00") + Duration.ofDays(400).toMillis());

        assertThat(drain(harness)).isEmpty();
        assertThat(keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
