package cn.hrss.monitor.warnings.patterns;

import cn.hrss.monitor.indicators.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/** Calendar periods of the indicator windows (China Standard Time): labels and the period that follows one. */
public final class PeriodWindows {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private PeriodWindows() {}

    /** @return the end of the period that starts at {@code windowEnd} (days and months; months vary in length) */
    public static long followingEnd(String period, long windowEnd) {
        LocalDate start = day(windowEnd);
        LocalDate end;
        if (Period.DAY.id.equals(period)) {
            end = start.plusDays(1);
        } else if (Period.MONTH.id.equals(period)) {
            end = start.plusMonths(1);
        } else {
            throw new IllegalArgumentException("periods are judged by day or month, not " + period);
        }
        return end.atStartOfDay(CHINA).toInstant().toEpochMilli();
    }

    public static String label(String period, long windowStart) {
        LocalDate day = day(windowStart);
        return Period.MONTH.id.equals(period) ? YearMonth.from(day).toString() : day.toString();
    }

    private static LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(CHINA).toLocalDate();
    }
}
