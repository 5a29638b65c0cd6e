package cn.hrss.monitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-07-01T09:30:00+08:00",
        "2026-07-01T09:30:00Z",
        "2026-07-01T09:30:00-05:30",
        "2026-07-01T09:30:00+05:45",
        "2026-07-01T09:30:00+14:00",
        "2026-07-01T09:30:00-12:00",
        "2026-07-01T09:30:00+18:00",
        "2026-07-01T09:30:00-18:00",
        "2024-02-29T00:00:00+08:00",
        "2000-02-29T23:59:59.999+08:00",
        "2026-12-31T23:59:59.999999999Z",
        "2026-01-01T00:00:00+08:00",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z",
        "1900-03-01T12:00:00+08:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2026-07-01T09:30:00.1+08:00",
        "2026-07-01T09:30:00.12+08:00",
        "2026-07-01T09:30:00.123+08:00",
        "2026-07-01T09:30:00.1234+08:00",
        "2026-07-01T09:30:00.123456789+08:00"
    })
    void agreesWithJavaTime(String s) {
        OffsetDateTime expected = OffsetDateTime.parse(s);
        int[] offset = {Integer.MIN_VALUE};

        long millis = IsoTimestamps.parseMillis(s, offset);

        assertThat(millis).isEqualTo(expected.toInstant().toEpochMilli());
        assertThat(offset[0]).isEqualTo(expected.getOffset().getTotalSeconds());
    }

    @ParameterizedTest
    @CsvSource({
        "2026-07-01T00:00:00.999999999Z, 999",
        "2026-07-01T00:00:00.0009Z, 0",
        "2026-07-01T00:00:00.5Z, 500",
        "2026-07-01T00:00:00.05Z, 50",
        "2026-07-01T00:00:00.005Z, 5"
    })
    void fractionsAreTruncatedToMillisNeverRounded(String s, int millisOfSecond) {
        long millis = IsoTimestamps.parseMillis(s, new int[1]);
        assertThat(Math.floorMod(millis, 1000L)).isEqualTo(millisOfSecond);
    }

    @Test
    void negativeHalfHourOffset() {
        int[] offset = new int[1];
        long millis = IsoTimestamps.parseMillis("2026-07-01T00:00:00-05:30", offset);
        assertThat(offset[0]).isEqualTo(-(5 * 3600 + 30 * 60));
        assertThat(millis).isEqualTo(IsoTimestamps.parseMillis("2026-07-01T05:30:00Z", new int[1]));
    }

    @Test
    void leapDay() {
        long leapDay = IsoTimestamps.parseMillis("2024-02-29T12:00:00Z", new int[1]);
        long nextDay = IsoTimestamps.parseMillis("2024-03-01T12:00:00Z", new int[1]);
        assertThat(nextDay - leapDay).isEqualTo(86_400_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "2026-07-01T09:30:00",
        "2026-07-01T09:30:00.123",
        "2026-07-01T09:30:00.1234567890Z",
        "2026-07-01T09:30:00.1234567890+08:00",
        "2026-07-01T09:30:00.Z",
        "2026-07-01T09:30:00.+08:00",
        "2026-07-01T09:30:00,5Z",
        "2026-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-07-00T00:00:00Z",
        "2026-07-32T00:00:00Z",
        "2026-07-01T24:00:00Z",
        "2026-07-01T25:00:00Z",
        "2026-07-01T23:60:00Z",
        "2026-07-01T23:59:60Z",
        "2026-07-01t09:30:00Z",
        "2026-07-01 09:30:00Z",
        "2026-07-01T09:30:00z",
        "2026-07-01T09:30:00+0800",
        "2026-07-01T09:30:00+08",
        "2026-07-01T09:30:00+8:00",
        "2026-07-01T09:30:00+08:00 ",
        " 2026-07-01T09:30:00+08:00",
        "2026-07-01T09:30:00+08:00Z",
        "2026-07-01T09:30:00ZZ",
        "2026-07-01T09:30:00+19:00",
        "2026-07-01T09:30:00+08:60",
        "2026-07-01T09:30+08:00",
        "20260701T093000+0800",
        "2026-7-01T09:30:00+08:00",
        "-026-07-01T09:30:00+08:00",
        "2026-07-01T09:30:00+08:00[Asia/Shanghai]",
        "２026-07-01T09:30:00+08:00",
        "2026-07-01T09:30:00.\u0661Z"
    })
    void rejects(String s) {
        assertThatThrownBy(() -> IsoTimestamps.parseMillis(s, new int[1])).isInstanceOf(DateTimeException.class);
    }

    @Test
    void nineFractionDigitsAreTheMaximum() {
        assertThat(IsoTimestamps.parseMillis("2026-07-01T09:30:00.000000001Z", new int[1]))
                .isEqualTo(IsoTimestamps.parseMillis("2026-07-01T09:30:00Z", new int[1]));
        assertThatThrownBy(() -> IsoTimestamps.parseMillis("2026-07-01T09:30:00.0000000001Z", new int[1]))
                .isInstanceOf(DateTimeException.class);
    }
}
