package cn.hrss.monitor.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses contract timestamps ({@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}) to epoch milliseconds without the
 * allocation-heavy {@code DateTimeFormatter}: this runs for every record.
 */
final class IsoTimestamps {
    private IsoTimestamps() {}

    /** @return epoch ms; the offset in seconds is written to {@code offsetOut[0]} */
    static long parseMillis(String s, int[] offsetOut) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            throw new DateTimeException("expected yyyy-MM-ddTHH:mm:ss with an offset");
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("time of day out of range");
        }
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int fractionDigits = i - start;
            if (fractionDigits == 0 || fractionDigits > 9) {
                throw new DateTimeException("bad fraction of second");
            }
            for (int k = fractionDigits; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh > 18 || om > 59) {
                throw new DateTimeException("offset out of range");
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            throw new DateTimeException("missing or malformed UTC offset");
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        offsetOut[0] = offsetSeconds;
        return ((epochDay * 86_400 + hour * 3600L + minute * 60L + second) - offsetSeconds) * 1000 + millis;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("non-digit in timestamp");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
