package cn.hrss.monitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Rolling totals as change points, driven hour by hour. */
class RollingTotalsTest {
    private static long at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant().toEpochMilli();
    }

    /** An hourly change of income for the hour starting at {@code hourStart}, stamped like the hourly windows do. */
    private static StreamRecord<Tallies> hour(String hourStart, long incomeFen) {
        Tallies t = Tallies.scope("110105", "county", "110");
        t.incomeFen = incomeFen;
        return new StreamRecord<>(t, at(hourStart) + Duration.ofHours(1).toMillis() - 1);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Tallies, WindowedTallies> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RollingTotals(Duration.ofHours(2))), Tallies::scopeKey, Types.STRING);
        h.open();
        return h;
    }

    private static List<WindowedTallies> rows(
            KeyedOneInputStreamOperatorTestHarness<String, Tallies, WindowedTallies> h, Period period) {
        return h.extractOutputValues().stream().filter(w -> w.period.equals(period.id)).toList();
    }

    @Test
    void aSparseHourWritesOneRowWhenItEntersAndOneWhenItLeaves() throws Exception {
        var h = harness();
        h.processElement(hour("2026-06-01T09:00:00", 500));
        h.processWatermark(new Watermark(at("2026-06-03T00:00:00")));

        assertThat(rows(h, Period.ROLLING_24H)).extracting(w -> w.windowEnd, w -> w.total.incomeFen)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(at("2026-06-01T10:00:00"), 500L),
                        org.assertj.core.groups.Tuple.tuple(at("2026-06-02T10:00:00"), 0L));
        assertThat(rows(h, Period.ROLLING_30D)).singleElement().satisfies(w -> {
            assertThat(w.windowStart).isEqualTo(at("2026-05-03T00:00:00"));
            assertThat(w.windowEnd).isEqualTo(at("2026-06-02T00:00:00"));
            assertThat(w.total.incomeFen).isEqualTo(500);
        });
        h.close();
    }

    @Test
    void thirtyDayValueDropsWhenTheDayLeavesAndThenStateIsEmpty() throws Exception {
        var h = harness();
        h.processElement(hour("2026-06-01T09:00:00", 500));
        h.processWatermark(new Watermark(at("2026-07-03T00:00:00"))); // past the clean-up of 1 June

        List<WindowedTallies> thirty = rows(h, Period.ROLLING_30D);
        assertThat(thirty).hasSize(2);
        // 1 July is the first day whose 30-day window (2 June to 1 July) no longer holds 1 June.
        assertThat(thirty.get(1).windowStart).isEqualTo(at("2026-06-02T00:00:00"));
        assertThat(thirty.get(1).total.incomeFen).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void denseHoursRefreshTheSameThirtyDayRowWithGrowingVersions() throws Exception {
        var h = harness();
        h.processElement(hour("2026-06-01T09:00:00", 100));
        h.processElement(hour("2026-06-01T10:00:00", 200));
        h.processWatermark(new Watermark(at("2026-06-01T12:00:00")));

        assertThat(rows(h, Period.ROLLING_30D)).extracting(w -> w.total.incomeFen, w -> w.version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(100L, 1L),
                        org.assertj.core.groups.Tuple.tuple(300L, 2L));
        h.close();
    }

    @Test
    void aLateHourRevisesEveryBoundarySinceItEntered() throws Exception {
        var h = harness();
        h.processElement(hour("2026-06-01T09:00:00", 100));
        h.processWatermark(new Watermark(at("2026-06-01T11:30:00")));
        h.processElement(hour("2026-06-01T10:00:00", 50)); // late: boundaries 11:00 already evaluated

        List<WindowedTallies> day = rows(h, Period.ROLLING_24H);
        assertThat(day).extracting(w -> w.windowEnd, w -> w.total.incomeFen).containsExactly(
                org.assertj.core.groups.Tuple.tuple(at("2026-06-01T10:00:00"), 100L),
                org.assertj.core.groups.Tuple.tuple(at("2026-06-01T11:00:00"), 150L));
        h.close();
    }
}
