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
import cn.hrss.monitor.warnings.rules.SeverityBand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UiWhileEmployedDetectorTest {
    private static final String PERSON = "p-77c1";
    private static final String EMPLOYER = "91110105MA01ABCD1X";

    private KeyedBroadcastOperatorTestHarness<String, Event, RuleDefinition, Observation> harness;
    private long watermark = Long.MIN_VALUE;

    private static RuleDefinition rule(int version, SeverityBand... bands) {
        return FraudAndAbsenceHarness.rule("ui_while_employed", RuleKind.UI_WHILE_EMPLOYED, version,
                Map.of("retention", "400d"), bands);
    }

    @BeforeEach
    void open() throws Exception {
        harness = FraudAndAbsenceHarness.open(
                new UiWhileEmployedDetector(new LiveRules(List.of(rule(1, atLeast(Severity.YELLOW, 1)))),
                        "ui_while_employed"),
                UiWhileEmployedDetector::personOf);
    }

    private static Event benefit(String paidAt, int benefitMonth) {
        Event e = event(EventType.BENEFIT_PAID, PERSON, paidAt);
        e.insuranceType = "210";
        e.benefitItem = "unemployment_benefit";
        e.benefitMonth = benefitMonth;
        e.amountFen = 180_000;
        e.batchId = "B210-" + benefitMonth;
        e.regionCode = "110102";
        return e;
    }

    private static Event enrolled(String at, String contributorKind) {
        Event e = event(EventType.INSURED_ENROLLED, PERSON, at);
        e.employerUscc = EMPLOYER;
        e.insuranceType = "110";
        e.contributorKind = contributorKind;
        return e;
    }

    private static Event employment(EventType type, String at, String form) {
        Event e = event(type, PERSON, at);
        e.employerUscc = EMPLOYER;
        e.employmentForm = form;
        return e;
    }

    private static Event left(String at) {
        Event e = event(EventType.INSURED_LEFT, PERSON, at);
        e.employerUscc = EMPLOYER;
        e.insuranceType = "110";
        return e;
    }

    /** Sends {@code e} and lets the watermark pass it: the detector judges it now, after any it waited for. */
    private void send(Event e) throws Exception {
        arrive(e);
        watermark = Math.max(watermark, e.occurredAt);
        harness.processWatermark(watermark);
    }

    /** Sends {@code e} without moving the watermark: it waits to be judged in event-time order. */
    private void arrive(Event e) throws Exception {
        harness.processElement(e, e.occurredAt);
    }

    @Test
    void benefitPaidAfterAnEnrolmentForItsMonthIsFlagged() throws Exception {
        send(enrolled("2025-05-06T10:00", "employer"));
        send(benefit("2025-05-20T09:00", 202505));

        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.severity).isEqualTo(Severity.YELLOW);
            assertThat(o.scopeKey).isEqualTo(PERSON);
            assertThat(o.personPseudonym).isEqualTo(PERSON);
            assertThat(o.employerUscc).isEqualTo(EMPLOYER);
            assertThat(o.regionCode).isEqualTo("110102");
            assertThat(o.insuranceType).isEqualTo("210");
            assertThat(o.evidence).containsEntry("benefitMonth", "2025-05").containsEntry("enrolmentMonth", "2025-05")
                    .containsEntry("employers", EMPLOYER).containsEntry("amount", "1800.00")
                    .containsEntry("paidAmounts", "2025-05:1800.00").containsEntry("value", "1");
        });
    }

    @Test
    void aPaymentSeenBeforeTheLateEnrolmentIsFlaggedWhenItArrives() throws Exception {
        send(benefit("2025-06-05T09:00", 202506));
        send(benefit("2025-07-05T09:00", 202507));
        assertThat(drain(harness)).isEmpty();

        send(employment(EventType.EMPLOYMENT_REGISTERED, "2025-05-26T10:00", "unit"));

        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.evidence).containsEntry("benefitMonth", "2025-06、2025-07")
                    .containsEntry("monthsOverlapping", "2").containsEntry("enrolmentMonth", "2025-05");
            assertThat(o.observedAt).isEqualTo(china("2025-07-05T09:00"));
        });
    }

    @Test
    void paidEarlyInTheMonthThenHiredIsQuietButTheNextMonthIsNot() throws Exception {
        send(benefit("2025-05-03T09:00", 202505));
        send(enrolled("2025-05-20T10:00", "employer"));
        assertThat(drain(harness)).isEmpty();

        send(benefit("2025-06-03T09:00", 202506));
        assertThat(drain(harness)).singleElement()
                .satisfies(o -> assertThat(o.evidence).containsEntry("benefitMonth", "2025-06"));
    }

    @Test
    void selfEmploymentAndIndividualInsuranceAreNotAnEmployerHiring() throws Exception {
        send(employment(EventType.EMPLOYMENT_REGISTERED, "2025-05-06T10:00", "self_employed"));
        send(employment(EventType.EMPLOYMENT_REGISTERED, "2025-05-06T11:00", "flexible"));
        send(enrolled("2025-05-07T10:00", "flexible"));
        send(enrolled("2025-05-07T11:00", "individual"));
        send(benefit("2025-05-20T09:00", 202505));
        send(benefit("2025-06-20T09:00", 202506));

        assertThat(drain(harness)).isEmpty();
    }

    @Test
    void benefitAfterTheJobEndedIsQuietInEitherArrivalOrder() throws Exception {
        send(left("2025-02-10T10:00")); // the departure arrives before the enrolment it ends
        send(enrolled("2025-01-06T10:00", "employer"));
        send(benefit("2025-02-20T09:00", 202502));
        send(benefit("2025-03-20T09:00", 202503));
        assertThat(drain(harness)).isEmpty();

        send(benefit("2025-01-25T09:00", 202501)); // late, but for a month of employment
        assertThat(drain(harness)).singleElement()
                .satisfies(o -> assertThat(o.evidence).containsEntry("benefitMonth", "2025-01"));
    }

    @Test
    void aPaymentThatArrivesBeforeTheEarlierDepartureIsJudgedAfterIt() throws Exception {
        send(enrolled("2025-01-06T10:00", "employer"));
        arrive(benefit("2025-04-20T09:00", 202504)); // from another topic, ahead of the departure it follows
        arrive(left("2025-02-10T10:00"));
        assertThat(drain(harness)).as("nothing is judged before the watermark").isEmpty();

        harness.processWatermark(china("2025-04-20T09:00"));
        assertThat(drain(harness)).as("no suspicion raised and withdrawn").isEmpty();
        assertThat(harness.numEventTimeTimers()).as("only the retention timer is left").isOne();
    }

    @ParameterizedTest
    @CsvSource({"a-left, b-paid, 0", "b-left, a-paid, 2"})
    void eventsAtTheSameInstantAreJudgedInEventIdOrderWhateverTheirArrival(String leftId, String paymentId,
            int observations) throws Exception {
        send(enrolled("2025-01-06T10:00", "employer"));
        Event payment = benefit("2025-03-20T09:00", 202503);
        Event left = left("2025-03-20T09:00");
        payment.eventId = paymentId;
        left.eventId = leftId;
        arrive(payment);
        arrive(left);
        harness.processWatermark(china("2025-03-20T09:00"));

        // Departure first: March is the month the job ended, so nothing. Payment first: raised, then withdrawn.
        assertThat(drain(harness)).hasSize(observations);
    }

    @Test
    void rehiredAfterLeavingOpensANewSpell() throws Exception {
        send(enrolled("2025-01-06T10:00", "employer"));
        send(employment(EventType.EMPLOYMENT_TERMINATED, "2025-02-10T10:00", "unit"));
        send(benefit("2025-03-20T09:00", 202503));
        assertThat(drain(harness)).isEmpty();

        send(enrolled("2025-04-01T10:00", "employer"));
        send(benefit("2025-04-20T09:00", 202504));
        assertThat(drain(harness)).singleElement()
                .satisfies(o -> assertThat(o.evidence).containsEntry("enrolmentMonth", "2025-04"));
    }

    @Test
    void publishedBandsChangeTheOutcomeWithoutARestart() throws Exception {
        harness.processBroadcastElement(rule(2, atLeast(Severity.YELLOW, 2)), 0);
        send(enrolled("2025-05-06T10:00", "employer"));
        send(benefit("2025-05-20T09:00", 202505));
        assertThat(drain(harness)).isEmpty();

        send(benefit("2025-06-20T09:00", 202506));
        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.ruleVersion).isEqualTo(2);
            assertThat(o.evidence).containsEntry("monthsOverlapping", "2");
        });
    }

    @Test
    void retentionForgetsThePersonAndClearsTheSuspicion() throws Exception {
        send(enrolled("2025-05-06T10:00", "employer"));
        send(benefit("2025-05-20T09:00", 202505));
        drain(harness);
        long expiry = china("2025-05-20T09:00") + Duration.ofDays(400).toMillis();

        harness.processWatermark(expiry - 1);
        assertThat(drain(harness)).isEmpty();

        harness.processWatermark(expiry);
        assertThat(drain(harness)).singleElement().satisfies(o -> assertThat(o.holds()).isFalse());
        assertThat(keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
