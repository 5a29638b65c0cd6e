package cn.hrss.monitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final Duration LATENESS = Duration.ofHours(2);
    private static final long T0 = Instant.parse("2026-07-01T02:00:00Z").toEpochMilli();

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Admission(LATENESS, Duration.ofDays(2))), e -> e.eventId, Types.STRING);
    }

    private static Event event(String id, long occurredAt) {
        Event e = new Event();
        e.eventId = id;
        e.type = EventType.EMPLOYMENT_REGISTERED;
        e.occurredAt = occurredAt;
        return e;
    }

    private static List<String> rejections(KeyedOneInputStreamOperatorTestHarness<String, Event, Event> h) {
        return h.getSideOutput(Rejections.TAG) == null ? List.of()
                : h.getSideOutput(Rejections.TAG).stream().map(r -> r.getValue().eventId + ":" + r.getValue().reason)
                        .toList();
    }

    @Test
    void anEventOlderThanTheWatermarkByMoreThanTheLatenessIsRejectedAndARepeatToo() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(new Watermark(T0));
            h.processElement(event("on-time", T0 - LATENESS.toMillis() + 1), T0);
            h.processElement(event("late", T0 - LATENESS.toMillis()), T0);
            h.processElement(event("on-time", T0), T0);

            assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("on-time");
            assertThat(rejections(h)).containsExactly("late:too_late", "on-time:duplicate_event");
        }
    }

    /** After a failover no watermark has arrived yet; a replayed late record must not pass for lack of one. */
    @Test
    void afterARestoreLatenessIsJudgedAgainstTheCheckpointedWatermark() throws Exception {
        OperatorSubtaskState snapshot;
        try (var first = harness()) {
            first.open();
            first.processWatermark(new Watermark(T0));
            first.processElement(event("a", T0), T0);
            snapshot = first.snapshot(1, T0);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(event("days-late", T0 - Duration.ofDays(3).toMillis()), T0);
            restored.processElement(event("b", T0 - 60_000), T0);

            assertThat(restored.extractOutputValues()).extracting(e -> e.eventId).containsExactly("b");
            assertThat(rejections(restored)).containsExactly("days-late:too_late");
        }
    }

    @Test
    void beforeAnyWatermarkNothingIsLate() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(event("old", T0 - Duration.ofDays(30).toMillis()), T0);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }
}
