package cn.hrss.monitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** One recipient per person and month, and each month forgotten in event time once no payment for it can arrive. */
class FirstBenefitOfMonthTest {
    private static final Duration LATENESS = Duration.ofHours(2);

    private static long at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant().toEpochMilli();
    }

    private static StreamRecord<Event> payment(String person, String local) {
        Event e = new Event();
        e.type = EventType.BENEFIT_PAID;
        e.benefitItem = "unemployment_benefit";
        e.insuranceType = "210";
        e.regionCode = "110105";
        e.personPseudonym = person;
        e.occurredAt = at(local);
        return new StreamRecord<>(e, e.occurredAt);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Tallies> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FirstBenefitOfMonth(LATENESS)), (Event e) -> e.personPseudonym,
                Types.STRING);
        h.open();
        return h;
    }

    /** @return persons counted (each count is emitted once per region level; the county level stands for all) */
    private static long countyCounts(KeyedOneInputStreamOperatorTestHarness<String, Event, Tallies> h) {
        return h.extractOutputValues().stream().filter(t -> "110105".equals(t.regionCode)).count();
    }

    @Test
    void aPersonIsCountedOncePerMonthAlsoWhenALatePaymentArrivesAfterTheMonthEnded() throws Exception {
        var h = harness();
        h.processElement(payment("p1", "2026-07-06T10:00:00"));
        h.processElement(payment("p1", "2026-07-20T10:00:00"));
        h.processWatermark(new Watermark(at("2026-08-01T01:00:00"))); // July over, but still within the lateness
        h.processElement(payment("p1", "2026-07-31T23:30:00"));
        h.processElement(payment("p1", "2026-08-06T10:00:00"));

        assertThat(countyCounts(h)).isEqualTo(2); // July and August
        h.close();
    }

    @Test
    void stateIsEmptyOnceTheWatermarkPassesTheLastMonthsEndPlusTheLateness() throws Exception {
        var h = harness();
        h.processElement(payment("p1", "2026-07-06T10:00:00"));
        h.processElement(payment("p2", "2026-07-07T10:00:00"));
        h.processElement(payment("p1", "2026-08-06T10:00:00"));
        h.processWatermark(new Watermark(at("2026-08-01T02:00:00"))); // July's end plus the lateness
        assertThat(h.numKeyedStateEntries()).as("p1's August only").isEqualTo(1);

        h.processWatermark(new Watermark(at("2026-09-01T02:00:00")));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
