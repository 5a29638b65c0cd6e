package cn.hrss.monitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The window stage every indicator goes through, driven element by element and watermark by watermark. */
class IndicatorWindowsTest {
    private static final Duration LATENESS = Duration.ofHours(2);

    private static long at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant().toEpochMilli();
    }

    private static Tallies income(long fen) {
        Tallies t = Tallies.scope("110105", "county", "110");
        t.incomeFen = fen;
        return t;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KeyedOneInputStreamOperatorTestHarness<String, Tallies, WindowedTallies> harness(
            WindowAssigner<?, TimeWindow> assigner, RefreshTrigger trigger, Period period) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowedTallies> out = env.fromData(income(1))
                .keyBy(Tallies::scopeKey)
                .window((WindowAssigner) assigner)
                .trigger(trigger)
                .allowedLateness(LATENESS)
                .aggregate(new SumTallies(), new EmitWindowedTallies(period));
        OneInputTransformation<Tallies, WindowedTallies> transformation =
                (OneInputTransformation<Tallies, WindowedTallies>) out.getTransformation();
        KeyedOneInputStreamOperatorTestHarness<String, Tallies, WindowedTallies> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        (OneInputStreamOperator<Tallies, WindowedTallies>) transformation.getOperator(),
                        Tallies::scopeKey, Types.STRING);
        h.open();
        return h;
    }

    private static List<WindowedTallies> emitted(KeyedOneInputStreamOperatorTestHarness<?, ?, WindowedTallies> h) {
        return h.extractOutputValues();
    }

    @Test
    void hourFiresAtItsEndAndALateEventReplacesItWithTheNextVersion() throws Exception {
        var h = harness(TumblingEventTimeWindows.of(Duration.ofHours(1)), RefreshTrigger.atEnd(), Period.HOUR);
        h.processElement(new StreamRecord<>(income(1000), at("2026-06-01T10:10:00")));
        h.processWatermark(new Watermark(at("2026-06-01T10:59:00")));
        assertThat(emitted(h)).isEmpty();

        h.processWatermark(new Watermark(at("2026-06-01T12:25:00")));
        assertThat(emitted(h)).singleElement().satisfies(w -> {
            assertThat(w.total.incomeFen).isEqualTo(1000);
            assertThat(w.version).isEqualTo(1);
        });

        h.processElement(new StreamRecord<>(income(500), at("2026-06-01T10:40:00")));
        List<WindowedTallies> all = emitted(h);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).total.incomeFen).isEqualTo(1500);
        assertThat(all.get(1).delta.incomeFen).isEqualTo(500);
        assertThat(all.get(1).version).isEqualTo(2);
        h.close();
    }

    @Test
    void windowStateIsGoneOnceTheLatenessHasPassed() throws Exception {
        var h = harness(TumblingEventTimeWindows.of(Duration.ofHours(1)), RefreshTrigger.atEnd(), Period.HOUR);
        h.processElement(new StreamRecord<>(income(1000), at("2026-06-01T10:10:00")));
        h.processWatermark(new Watermark(at("2026-06-01T12:00:00")));
        assertThat(h.numKeyedStateEntries()).isPositive();

        h.processWatermark(new Watermark(at("2026-06-01T13:00:00")));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void longWindowRefreshesOnEachHourlyChangeAndSkipsFiringsThatChangeNothing() throws Exception {
        var h = harness(CalendarWindows.months(java.time.ZoneId.of("Asia/Shanghai")),
                RefreshTrigger.duringLast(Long.MAX_VALUE / 4), Period.MONTH);
        h.processElement(new StreamRecord<>(income(100), at("2026-06-01T10:59:59.999")));
        h.processWatermark(new Watermark(at("2026-06-01T11:00:00")));
        h.processElement(new StreamRecord<>(income(50), at("2026-06-01T11:59:59.999")));
        h.processWatermark(new Watermark(at("2026-06-01T12:00:00")));
        h.processElement(new StreamRecord<>(income(0), at("2026-06-01T12:59:59.999")));
        h.processWatermark(new Watermark(at("2026-06-01T13:00:00")));

        assertThat(emitted(h).stream().map(w -> w.total.incomeFen).collect(Collectors.toList()))
                .containsExactly(100L, 150L);
        assertThat(emitted(h)).allSatisfy(w -> {
            assertThat(w.windowStart).isEqualTo(at("2026-06-01T00:00:00"));
            assertThat(w.windowEnd).isEqualTo(at("2026-07-01T00:00:00"));
        });
        h.close();
    }
}
