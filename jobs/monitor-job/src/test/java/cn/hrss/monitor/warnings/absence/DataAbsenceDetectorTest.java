package cn.hrss.monitor.warnings.absence;

import cn.hrss.monitor.warnings.FraudAndAbsenceHarness;

import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.atLeast;
import static cn.hrss.monitor.warnings.FraudAndAbsenceHarness.drain;
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
import org.junit.jupiter.api.Test;

class DataAbsenceDetectorTest {
    private static final long MINUTE = 60_000;
    /** Processing time the tests start at (any wall clock will do). */
    private static final long T0 = 1_750_000_000_000L;

    private KeyedBroadcastOperatorTestHarness<String, Event, RuleDefinition, Observation> harness;
    private long eventTime = T0;

    private static RuleDefinition rule(int version, String scopeBy, String expectedGap) {
        RuleDefinition r = FraudAndAbsenceHarness.rule("data_absence_" + scopeBy, RuleKind.DATA_ABSENCE, version,
                Map.of("scopeBy", scopeBy, "expectedGap", expectedGap, "checkEvery", "1m"),
                atLeast(Severity.YELLOW, 0), atLeast(Severity.RED, 60));
        r.scope = scopeBy;
        return r;
    }

    private void open(String scopeBy) throws Exception {
        RuleDefinition rule = rule(1, scopeBy, "10m");
        harness = FraudAndAbsenceHarness.open(new DataAbsenceDetector(new LiveRules(List.of(rule)), rule.id),
                new DataAbsenceScope(scopeBy));
        harness.setProcessingTime(T0);
    }

    private void send(EventType type, String region) throws Exception {
        Event e = new Event();
        e.type = type;
        e.regionCode = region;
        e.occurredAt = eventTime++;
        harness.processElement(e, e.occurredAt);
    }

    /** Moves the wall clock minute by minute, as a running job would see it. */
    private void advanceTo(long time) throws Exception {
        for (long t = harness.getProcessingTime() + MINUTE; t < time; t += MINUTE) {
            harness.setProcessingTime(t);
        }
        harness.setProcessingTime(time);
    }

    @Test
    void aWholeSourceStoppingRaisesAnAbsenceThatEscalatesAndClearsWhenDataReturns() throws Exception {
        open("source");
        send(EventType.BENEFIT_PAID, "110105");
        send(EventType.CONTRIBUTION_PAID, "110105");

        // The benefit topic stops; contributions keep flowing.
        contributionsFlowUntil(T0 + 10 * MINUTE);
        assertThat(drain(harness)).as("silent exactly the expected gap").isEmpty();

        contributionsFlowUntil(T0 + 11 * MINUTE);
        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.severity).isEqualTo(Severity.YELLOW);
            assertThat(o.scopeKey).isEqualTo("benefit");
            assertThat(o.source).isEqualTo("benefit");
            assertThat(o.observedAt).isEqualTo(T0 + 11 * MINUTE);
            assertThat(o.evidence).containsEntry("silenceMinutes", "11").containsEntry("silentFor", "11分钟")
                    .containsEntry("expectedGap", "10分钟").containsEntry("lastSeen", "2025-06-15 23:06:40");
        });

        contributionsFlowUntil(T0 + 59 * MINUTE);
        assertThat(drain(harness)).as("same severity, nothing new").isEmpty();
        contributionsFlowUntil(T0 + 60 * MINUTE);
        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.severity).isEqualTo(Severity.RED);
            assertThat(o.evidence).containsEntry("silentFor", "1小时");
        });

        contributionsFlowUntil(T0 + 75 * MINUTE);
        send(EventType.BENEFIT_PAID, "110105");
        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.holds()).isFalse();
            assertThat(o.scopeKey).isEqualTo("benefit");
            assertThat(o.observedAt).isEqualTo(T0 + 75 * MINUTE);
        });
    }

    private void contributionsFlowUntil(long time) throws Exception {
        for (long t = harness.getProcessingTime() + MINUTE; t <= time; t += MINUTE) {
            send(EventType.CONTRIBUTION_PAID, "110105");
            harness.setProcessingTime(t);
        }
    }

    @Test
    void aSilentCityIsFoundThroughItsCounties() throws Exception {
        open("region");
        send(EventType.BENEFIT_PAID, "110105"); // a county of 110100
        send(EventType.INSURED_ENROLLED, "110102"); // another county, same city

        advanceTo(T0 + 11 * MINUTE);

        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.scopeKey).isEqualTo("110100");
            assertThat(o.regionCode).isEqualTo("110100");
            assertThat(o.source).isEmpty();
        });
        assertThat(DataAbsenceDetector.scopeOf(eventIn("110105"), "region")).isEqualTo("110100");
        assertThat(DataAbsenceDetector.scopeOf(eventIn("110000"), "region")).isEqualTo("110000");
        assertThat(DataAbsenceDetector.scopeOf(eventIn("110105"), "source")).isEqualTo("employment");
    }

    private static Event eventIn(String region) {
        Event e = new Event();
        e.type = EventType.EMPLOYMENT_REGISTERED;
        e.regionCode = region;
        return e;
    }

    @Test
    void aPublishedShorterGapRaisesWhatTheOldOneTolerated() throws Exception {
        open("source");
        send(EventType.BENEFIT_PAID, "110105");
        advanceTo(T0 + 7 * MINUTE);
        assertThat(drain(harness)).isEmpty();

        harness.processBroadcastElement(rule(2, "source", "5m"), 0);
        advanceTo(T0 + 8 * MINUTE);

        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.ruleVersion).isEqualTo(2);
            assertThat(o.evidence).containsEntry("expectedGap", "5分钟");
        });
    }

    @Test
    void aScopeSilentForAHundredGapsIsForgottenWithAFinalClear() throws Exception {
        open("source");
        send(EventType.DEATH_RECORDED, "110105");
        long forgetAt = T0 + DataAbsenceDetector.FORGET_AFTER_GAPS * 10 * MINUTE;

        advanceTo(forgetAt);
        assertThat(drain(harness)).extracting(o -> o.severity).containsExactly(Severity.YELLOW, Severity.RED);
        assertThat(keyedStateEntries(harness)).isPositive();

        advanceTo(forgetAt + MINUTE);
        assertThat(drain(harness)).singleElement().satisfies(o -> {
            assertThat(o.holds()).isFalse();
            assertThat(o.evidence).containsEntry("watchEnded", "true");
        });
        assertThat(keyedStateEntries(harness)).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void theJobItselfBeingDownIsNotTheSourceFallingSilent() throws Exception {
        open("source");
        send(EventType.BENEFIT_PAID, "110105");

        harness.setProcessingTime(T0 + Duration.ofHours(3).toMillis()); // restored from a savepoint hours later
        assertThat(drain(harness)).isEmpty();

        advanceTo(T0 + Duration.ofHours(3).toMillis() + 11 * MINUTE);
        assertThat(drain(harness)).singleElement()
                .satisfies(o -> assertThat(o.evidence).containsEntry("silenceMinutes", "11"));
    }

    @Test
    void steadyDataIsQuiet() throws Exception {
        open("source");
        for (long t = T0; t <= T0 + 30 * MINUTE; t += 10_000) {
            advanceTo(t);
            send(EventType.BENEFIT_PAID, "110105");
        }
        assertThat(drain(harness)).isEmpty();
        assertThat(keyedStateEntries(harness)).as("only the arrival: nothing raised").isEqualTo(1);
    }
}
