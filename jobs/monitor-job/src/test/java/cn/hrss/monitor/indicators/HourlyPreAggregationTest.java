package cn.hrss.monitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Sums per region and hour, rolled up the region's levels, released when the watermark may close their hour, at
 * checkpoints and at the end. 110105 and 110106 are counties of the city 110100 (province 110000, nation 100000).
 */
class HourlyPreAggregationTest {
    private static long at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant().toEpochMilli();
    }

    private static StreamRecord<Tallies> income(String region, long fen, String time) {
        Tallies t = Tallies.scope(region, "county", "110");
        t.incomeFen = fen;
        return new StreamRecord<>(t, at(time));
    }

    private static OneInputStreamOperatorTestHarness<Tallies, Tallies> harness(int maxBufferedScopes)
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new HourlyPreAggregation(maxBufferedScopes));
        h.open();
        return h;
    }

    /** Emitted sums as "region income @ timestamp", watermarks as "wm time". */
    private static List<String> output(OneInputStreamOperatorTestHarness<Tallies, Tallies> h) {
        return h.getOutput().stream().map(o -> o instanceof Watermark w ? "wm " + w.getTimestamp()
                : sum((StreamRecord<?>) o)).toList();
    }

    @SuppressWarnings("unchecked")
    private static String sum(StreamRecord<?> r) {
        Tallies t = ((StreamRecord<Tallies>) r).getValue();
        return t.regionCode + " " + t.incomeFen + " @" + r.getTimestamp();
    }

    @Test
    void anHourIsReleasedSummedAtEveryLevelWhenTheWatermarkReachesItsLastMillisecondAndLaterHoursWait()
            throws Exception {
        var h = harness(100);
        h.processElement(income("110105", 100, "2026-06-01T09:10:00"));
        h.processElement(income("110105", 20, "2026-06-01T09:50:00"));
        h.processElement(income("110106", 3, "2026-06-01T09:59:59"));
        h.processElement(income("110105", 7, "2026-06-01T10:05:00"));
        long end9 = at("2026-06-01T10:00:00") - 1;

        h.processWatermark(new Watermark(end9 - 1));
        assertThat(output(h)).containsExactly("wm " + (end9 - 1));

        h.processWatermark(new Watermark(end9));
        List<String> out = output(h);
        assertThat(out.subList(1, out.size() - 1)).containsExactlyInAnyOrder("110105 120 @" + end9,
                "110106 3 @" + end9, "110100 123 @" + end9, "110000 123 @" + end9, "100000 123 @" + end9);
        assertThat(out.get(out.size() - 1)).isEqualTo("wm " + end9);
        h.close();
    }

    @Test
    void aCheckpointReleasesEverythingSoNothingIsHeldInState() throws Exception {
        var h = harness(100);
        h.processElement(income("110105", 7, "2026-06-01T10:05:00"));
        h.prepareSnapshotPreBarrier(1);
        assertThat(output(h)).hasSize(4).contains("110105 7 @" + (at("2026-06-01T11:00:00") - 1));
        h.close();
    }

    @Test
    void aFullBufferIsReleasedEarly() throws Exception {
        var h = harness(2);
        h.processElement(income("110105", 1, "2026-06-01T10:05:00"));
        assertThat(output(h)).isEmpty();
        h.processElement(income("110106", 2, "2026-06-01T10:06:00"));
        assertThat(output(h)).hasSize(5).contains("110100 3 @" + (at("2026-06-01T11:00:00") - 1));
        h.close();
    }

    @Test
    void theEndOfInputReleasesEverything() throws Exception {
        var h = harness(100);
        h.processElement(income("110105", 7, "2026-06-01T10:05:00"));
        h.close(); // finishes the operator, as the end of input does
        assertThat(output(h)).hasSize(4).contains("100000 7 @" + (at("2026-06-01T11:00:00") - 1));
    }
}
