package cn.hrss.monitor.warnings.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations in rule files: {@code 90s}, {@code 30m}, {@code 6h}, {@code 7d}, or ISO-8601 ({@code P7D}). */
public final class RuleDurations {
    private RuleDurations() {}

    public static Duration parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P")) {
                return Duration.parse(t);
            }
            if (t.endsWith("d")) {
                return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.parse("PT" + t.toUpperCase());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (like 90s, 30m, 6h, 7d): '" + text + "'");
        }
    }
}
