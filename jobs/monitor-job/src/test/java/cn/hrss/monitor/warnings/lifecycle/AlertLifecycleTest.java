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
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOLD = 6 * HOUR;

    private KeyedBroadcastOperatorTestHarness<String, Observation, RuleDefinition, AlertTransition> h;

    private void observe(Observation o) throws Exception {
        h.processElement(o, o.observedAt);
    }

    /** Transitions emitted since the last call. */
    private List<AlertTransition> drain() {
        List<AlertTransition> out = h.extractOutputValues();
        h.getOutput().clear();
        return out;
    }

    @Test
    void anEpisodeFiresEscalatesDeescalatesAndResolvesAfterTheHoldUnderOneId() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        observe(monthsPayable(Severity.ORANGE, T0 + HOUR, "5.2"));
        observe(monthsPayable(Severity.YELLOW, T0 + 2 * HOUR, "6.1"));
        observe(monthsPayable(null, T0 + 3 * HOUR, "9.4"));
        h.watermark(T0 + 3 * HOUR + HOLD - 1);
        assertThat(drain()).extracting(t -> t.transition).containsExactly(
                Transition.FIRING, Transition.ESCALATED, Transition.DEESCALATED);

        h.watermark(T0 + 3 * HOUR + HOLD);
        List<AlertTransition> resolved = drain();
        assertThat(resolved).hasSize(1);
        AlertTransition last = resolved.get(0);
        assertThat(last.transition).isEqualTo(Transition.RESOLVED);
        assertThat(last.status).isEqualTo(AlertStatus.RESOLVED);
        assertThat(last.endsAt).isEqualTo(T0 + 3 * HOUR + HOLD);
        assertThat(last.updatedAt).isEqualTo(last.endsAt);
        assertThat(last.severity).isEqualTo("yellow");
        assertThat(JSON.readTree(last.evidence).get("months").asText()).isEqualTo("6.1");
    }

    @Test
    void transitionsCarryExactSeveritiesSequencesAndTimes() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        observe(monthsPayable(Severity.ORANGE, T0 + HOUR, "5.2"));
        observe(monthsPayable(Severity.YELLOW, T0 + 2 * HOUR, "6.1"));
        observe(monthsPayable(null, T0 + 3 * HOUR, "9.4"));
        h.watermark(T0 + 3 * HOUR + HOLD);

        List<AlertTransition> all = drain();
        assertThat(all).extracting(t -> t.transition, t -> t.status, t -> t.severity, t -> t.previousSeverity,
                t -> t.sequence, t -> t.updatedAt, t -> t.endsAt).containsExactly(
                tuple(Transition.FIRING, AlertStatus.FIRING, "yellow", "", 1L, T0, 0L),
                tuple(Transition.ESCALATED, AlertStatus.FIRING, "orange", "yellow", 2L, T0 + HOUR, 0L),
                tuple(Transition.DEESCALATED, AlertStatus.FIRING, "yellow", "orange", 3L, T0 + 2 * HOUR, 0L),
                tuple(Transition.RESOLVED, AlertStatus.RESOLVED, "yellow", "yellow", 4L, T0 + 3 * HOUR + HOLD,
                        T0 + 3 * HOUR + HOLD));
        String id = all.get(0).alertId;
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(all).allSatisfy(t -> {
            assertThat(t.alertId).isEqualTo(id);
            assertThat(t.startsAt).isEqualTo(T0);
        });
    }

    @Test
    void keyedStateAndTimersAreEmptyAfterResolution() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.RED, T0, "2.0"));
        observe(monthsPayable(null, T0 + HOUR, "9.4"));
        assertThat(LifecycleFixtures.keyedStateEntries(h)).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);

        h.watermark(T0 + HOUR + HOLD);

        assertThat(drain()).extracting(t -> t.transition).containsExactly(Transition.FIRING, Transition.RESOLVED);
        assertThat(LifecycleFixtures.keyedStateEntries(h)).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aClearObservationWithoutAnOpenAlertLeavesNoState() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(null, T0, "15"));
        assertThat(drain()).isEmpty();
        assertThat(LifecycleFixtures.keyedStateEntries(h)).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void onlyChangedEvidenceUpdatesAnAlertOfUnchangedSeverity() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        observe(monthsPayable(Severity.YELLOW, T0 + HOUR, "7.5"));
        observe(monthsPayable(Severity.YELLOW, T0 + 2 * HOUR, "7.1"));

        assertThat(drain()).extracting(t -> t.transition, t -> t.sequence, t -> t.updatedAt).containsExactly(
                tuple(Transition.FIRING, 1L, T0), tuple(Transition.UPDATED, 2L, T0 + 2 * HOUR));
    }

    @Test
    void aConditionReturningWithinTheHoldContinuesTheSameAlert() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        observe(monthsPayable(null, T0 + HOUR, "9.2"));
        observe(monthsPayable(Severity.YELLOW, T0 + HOUR + HOLD - 1, "7.5"));
        h.watermark(T0 + 3 * HOLD);
        assertThat(h.numEventTimeTimers()).isZero();

        observe(monthsPayable(null, T0 + 4 * HOLD, "9.2"));
        h.watermark(T0 + 5 * HOLD);

        List<AlertTransition> all = drain();
        assertThat(all).extracting(t -> t.transition, t -> t.updatedAt).containsExactly(
                tuple(Transition.FIRING, T0), tuple(Transition.RESOLVED, T0 + 5 * HOLD));
        assertThat(all.get(1).alertId).isEqualTo(all.get(0).alertId);
    }

    @Test
    void aNewEpisodeAfterResolutionGetsANewAlertId() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        observe(monthsPayable(null, T0 + HOUR, "9.2"));
        h.watermark(T0 + HOUR + HOLD);
        observe(monthsPayable(Severity.YELLOW, T0 + 2 * HOLD, "7.5"));

        List<AlertTransition> all = drain();
        assertThat(all).extracting(t -> t.transition, t -> t.sequence, t -> t.startsAt).containsExactly(
                tuple(Transition.FIRING, 1L, T0), tuple(Transition.RESOLVED, 2L, T0),
                tuple(Transition.FIRING, 1L, T0 + 2 * HOLD));
        assertThat(all.get(2).alertId).matches("[0-9a-f]{16}").isNotEqualTo(all.get(0).alertId);
    }

    @Test
    void aReplayOfTheSameObservationsRaisesTheSameAlertIds() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        String first = drain().get(0).alertId;

        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.ORANGE, T0, "5.5"));
        assertThat(drain().get(0).alertId).isEqualTo(first);
    }

    @Test
    void observationsOlderThanTheLatestAppliedOneAreIgnored() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.YELLOW, T0 + 2 * HOUR, "7.5"));
        observe(monthsPayable(Severity.RED, T0 + HOUR, "2.0"));  // late: must not escalate
        observe(monthsPayable(null, T0 + HOUR, "9.5"));          // late: must not start the hold
        assertThat(h.numEventTimeTimers()).isZero();

        observe(monthsPayable(null, T0 + 3 * HOUR, "9.5"));
        observe(monthsPayable(Severity.ORANGE, T0 + 2 * HOUR + 30 * 60_000, "4.0")); // late: must not cancel it
        h.watermark(T0 + 3 * HOUR + HOLD);

        assertThat(drain()).extracting(t -> t.transition, t -> t.severity).containsExactly(
                tuple(Transition.FIRING, "yellow"), tuple(Transition.RESOLVED, "yellow"));
        assertThat(LifecycleFixtures.keyedStateEntries(h)).isZero();
    }

    @Test
    void scopesAreIndependentAlerts() throws Exception {
        h = harness(monthsPayable(1, HOLD));
        observe(monthsPayable(Severity.YELLOW, T0, "7.5"));
        Observation pension = monthsPayable(Severity.RED, T0, "2.5");
        pension.scopeKey = "110105|170";
        pension.insuranceType = "170";
        observe(pension);

        List<AlertTransition> all = drain();
        assertThat(all).extracting(t -> t.transition).containsExactly(Transition.FIRING, Transition.FIRING);
        assertThat(all.get(0).alertId).isNotEqualTo(all.get(1).alertId);
        assertThat(LifecycleFixtures.keyedStateEntries(h)).isEqualTo(2);
    }
}
