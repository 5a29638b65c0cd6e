package cn.hrss.monitor.simulator.clock;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * China Standard Time (UTC+8, no daylight saving) calendar arithmetic on epoch milliseconds, and the contract's
 * timestamp format. Formatting caches the current day's date prefix: records arrive in time order, so this is a
 * string concatenation per record instead of a {@code DateTimeFormatter} call.
 */
public final class ChinaTime {
    public static final long DAY_MILLIS = 86_400_000L;
    public static final long HOUR_MILLIS = 3_600_000L;
    private static final long OFFSET_MILLIS = 8 * 3_600_000L;

    private long cachedDay = Long.MIN_VALUE;
    private String cachedDatePrefix;

    /** @return the local (CST) epoch day of an instant */
    public static long epochDay(long millis) {
        return Math.floorDiv(millis + OFFSET_MILLIS, DAY_MILLIS);
    }

    /** @return local minutes since midnight */
    public static int minuteOfDay(long millis) {
        return (int) (Math.floorMod(millis + OFFSET_MILLIS, DAY_MILLIS) / 60_000);
    }

    /** @return the instant of local midnight starting {@code epochDay} */
    public static long startOfDay(long epochDay) {
        return epochDay * DAY_MILLIS - OFFSET_MILLIS;
    }

    public static LocalDate date(long millis) {
        return LocalDate.ofEpochDay(epochDay(millis));
    }

    static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** @return YYYYMM as an int */
    public static int yearMonth(LocalDate d) {
        return d.getYear() * 100 + d.getMonthValue();
    }

    /** @return the YYYYMM {@code months} months after (or before, if negative) {@code yyyymm} */
    public static int plusMonths(int yyyymm, int months) {
        int index = (yyyymm / 100) * 12 + (yyyymm % 100 - 1) + months;
        return (index / 12) * 100 + index % 12 + 1;
    }

    /** @return e.g. {@code 2026-07-13T09:30:00.123+08:00} */
    public String format(long millis) {
        long day = epochDay(millis);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDatePrefix = LocalDate.ofEpochDay(day) + "T";
        }
        int msOfDay = (int) Math.floorMod(millis + OFFSET_MILLIS, DAY_MILLIS);
        StringBuilder sb = new StringBuilder(29).append(cachedDatePrefix);
        twoDigits(sb, msOfDay / 3_600_000).append(':');
        twoDigits(sb, msOfDay / 60_000 % 60).append(':');
        twoDigits(sb, msOfDay / 1000 % 60).append('.');
        int ms = msOfDay % 1000;
        sb.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        return sb.append("+08:00").toString();
    }

    private static StringBuilder twoDigits(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
