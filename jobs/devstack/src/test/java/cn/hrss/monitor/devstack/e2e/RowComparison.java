package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.devstack.e2e.IndicatorFold.Expected;
import cn.hrss.monitor.devstack.e2e.IndicatorFold.Scope;
import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Compares the rows of {@code indicators FINAL} with the {@link IndicatorFold}'s values, both ways, and keeps the
 * first mismatches for the failure message.
 *
 * <p>Calendar windows: every expected value has its row (except a sum that is 0, which the job does not write) with
 * the same value, region level and window end, and every row is expected. Rolling periods are written as change
 * points (Period#ROLLING_24H): every row holds the value at its window end, and the value a reader sees at each
 * boundary (the latest row ending at or before it, 0 if none) is the expected one.
 */
final class RowComparison {
    private static final int SHOWN = 20;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** as_of is stored in whole seconds: the job's millisecond as_of lies within this much after it. */
    private static final long AS_OF_PRECISION_MILLIS = 999;

    private final ClickHouseQueries clickHouse;
    private final String indicatorsTable;
    private final List<String> shown = new ArrayList<>();
    private long mismatches;
    private long rowsCompared;

    /** A row as stored. */
    private record Row(String regionLevel, long windowStart, long windowEnd, long asOf, BigDecimal value) {}

    RowComparison(ClickHouseQueries clickHouse, String indicatorsTable) {
        this.clickHouse = clickHouse;
        this.indicatorsTable = indicatorsTable;
    }

    void compareCalendar(Indicator indicator, Period period, Map<Scope, Map<Long, Expected>> expected)
            throws IOException {
        Map<String, Map<Long, Row>> actual = byStart(read(indicator, period));
        String what = indicator.id + "/" + period.id + " ";
        expected.forEach((scope, windows) -> {
            Map<Long, Row> rows = actual.getOrDefault(key(scope), Map.of());
            windows.forEach((start, want) -> {
                String where = what + scope + "@" + time(start);
                Row got = rows.get(start);
                if (got == null) {
                    if (!(want.absentMeansZero() && want.value().signum() == 0)) {
                        mismatch(where + ": no row, expected " + describe(want));
                    }
                } else if (!got.regionLevel().equals(scope.regionLevel()) || got.windowEnd() != want.windowEndMillis()
                        || !matches(want, got)) {
                    mismatch(where + ": expected " + describe(want) + " (" + scope.regionLevel() + ", to "
                            + time(want.windowEndMillis()) + "), row has " + got.value().toPlainString() + " ("
                            + got.regionLevel() + ", to " + time(got.windowEnd()) + ", as_of " + time(got.asOf()) + ")");
                }
            });
        });
        Map<String, Scope> scopes = index(expected);
        actual.forEach((scopeKey, rows) -> rows.forEach((start, got) -> {
            Scope scope = scopes.get(scopeKey);
            if (scope == null || !expected.get(scope).containsKey(start)) {
                mismatch(what + scopeKey + "@" + time(start) + ": unexpected row " + got.value().toPlainString());
            }
        }));
    }

    void compareRolling(Indicator indicator, Period period, Map<Scope, NavigableMap<Long, BigDecimal>> expected)
            throws IOException {
        long span = period == Period.ROLLING_30D ? 30 * 86_400_000L : 86_400_000L;
        Map<String, NavigableMap<Long, Row>> actual = byEnd(read(indicator, period));
        String what = indicator.id + "/" + period.id + " ";
        expected.forEach((scope, series) -> {
            NavigableMap<Long, Row> rows = actual.getOrDefault(key(scope), new TreeMap<>());
            rows.forEach((end, got) -> {
                String where = what + scope + " to " + time(end);
                BigDecimal want = series.containsKey(end) ? series.get(end) : zeroUnlessRatio(indicator);
                if (!got.regionLevel().equals(scope.regionLevel()) || got.windowStart() != end - span) {
                    mismatch(where + ": row " + got + " has the wrong level or window start");
                } else if (want == null || got.value().compareTo(want) != 0) {
                    mismatch(where + ": row has " + got.value().toPlainString() + ", expected "
                            + (want == null ? "no value" : want.toPlainString()));
                }
            });
            series.forEach((end, want) -> {
                if (want == null || rows.containsKey(end)) {
                    return; // no value to see, or checked above
                }
                Map.Entry<Long, Row> seen = rows.floorEntry(end);
                BigDecimal shown = seen == null ? BigDecimal.ZERO : seen.getValue().value();
                if (shown.compareTo(want) != 0) {
                    mismatch(what + scope + " at " + time(end) + ": readers see " + shown.toPlainString()
                            + (seen == null ? " (no row)" : " (row to " + time(seen.getKey()) + ")") + ", expected "
                            + want.toPlainString());
                }
            });
        });
        Map<String, Scope> scopes = index(expected);
        actual.forEach((scopeKey, rows) -> {
            if (!scopes.containsKey(scopeKey)) {
                mismatch(what + scopeKey + ": " + rows.size() + " unexpected rows, e.g. " + rows.firstEntry());
            }
        });
    }

    private static BigDecimal zeroUnlessRatio(Indicator indicator) {
        return indicator == Indicator.FUND_INCOME_OUTFLOW_RATIO ? null : BigDecimal.ZERO;
    }

    /** A months-payable value depends on the row's as_of, known to the second: any value in that second will do. */
    private static boolean matches(Expected want, Row got) {
        if (want.valueAsOf() == null) {
            return got.value().compareTo(want.value()) == 0;
        }
        BigDecimal a = want.valueAsOf().apply(got.asOf());
        BigDecimal b = want.valueAsOf().apply(got.asOf() + AS_OF_PRECISION_MILLIS);
        return a != null && b != null && got.value().compareTo(a.min(b)) >= 0 && got.value().compareTo(a.max(b)) <= 0;
    }

    private static String describe(Expected want) {
        return want.value() != null ? want.value().toPlainString()
                : "the months payable at its as_of (at the window end: " + want.valueAsOf().apply(want.windowEndMillis())
                        + ")";
    }

    private List<String[]> read(Indicator indicator, Period period) throws IOException {
        List<String[]> rows = clickHouse.queryTsv("SELECT region_level, region_code, insurance_type, subject,"
                + " toUnixTimestamp(window_start), toUnixTimestamp(window_end), toUnixTimestamp(as_of), value FROM "
                + indicatorsTable + " FINAL WHERE indicator = '" + indicator.id + "' AND period = '" + period.id + "'");
        rowsCompared += rows.size();
        return rows;
    }

    private Map<String, Map<Long, Row>> byStart(List<String[]> rows) {
        Map<String, Map<Long, Row>> byScope = new HashMap<>();
        for (String[] r : rows) {
            Row row = row(r);
            if (byScope.computeIfAbsent(key(r), k -> new HashMap<>()).put(row.windowStart(), row) != null) {
                mismatch(key(r) + "@" + time(row.windowStart()) + ": more than one row after FINAL");
            }
        }
        return byScope;
    }

    private Map<String, NavigableMap<Long, Row>> byEnd(List<String[]> rows) {
        Map<String, NavigableMap<Long, Row>> byScope = new HashMap<>();
        for (String[] r : rows) {
            Row row = row(r);
            if (byScope.computeIfAbsent(key(r), k -> new TreeMap<>()).put(row.windowEnd(), row) != null) {
                mismatch(key(r) + " to " + time(row.windowEnd()) + ": more than one row ending there");
            }
        }
        return byScope;
    }

    private static Row row(String[] r) {
        return new Row(r[0], Long.parseLong(r[4]) * 1000, Long.parseLong(r[5]) * 1000, Long.parseLong(r[6]) * 1000,
                new BigDecimal(r[7]));
    }

    private static String key(String[] r) {
        return new Scope(r[1], "", r[2], r[3]).toString();
    }

    private static String key(Scope scope) {
        return new Scope(scope.regionCode(), "", scope.insuranceType(), scope.employer()).toString();
    }

    private static Map<String, Scope> index(Map<Scope, ?> expected) {
        Map<String, Scope> byKey = new HashMap<>();
        expected.keySet().forEach(s -> byKey.put(key(s), s));
        return byKey;
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).atZone(CHINA).toLocalDateTime().toString();
    }

    private void mismatch(String description) {
        if (mismatches++ < SHOWN) {
            shown.add(description);
        }
    }

    long mismatches() {
        return mismatches;
    }

    long rowsCompared() {
        return rowsCompared;
    }

    /** @return the count and the first mismatches, one a line */
    String report() {
        return mismatches + " mismatches in " + rowsCompared + " rows; the first " + shown.size() + ":\n  "
                + String.join("\n  ", shown);
    }
}
