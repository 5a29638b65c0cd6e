package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.devstack.e2e.IndicatorFold.Expected;
import cn.hrss.monitor.devstack.e2e.IndicatorFold.RowKey;
import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseQueries;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the rows of {@code indicators FINAL} with the {@link IndicatorFold}'s, both ways: every expected value
 * has its row (except a sum that is 0, which the job does not write), and every row is expected, with the same value,
 * region level and window end. Keeps the first mismatches for the failure message.
 */
final class RowComparison {
    private static final int SHOWN = 20;

    private final ClickHouseQueries clickHouse;
    private final String indicatorsTable;
    private final List<String> shown = new ArrayList<>();
    private long mismatches;
    private long rowsCompared;

    RowComparison(ClickHouseQueries clickHouse, String indicatorsTable) {
        this.clickHouse = clickHouse;
        this.indicatorsTable = indicatorsTable;
    }

    void compare(Indicator indicator, Period period, Map<RowKey, Expected> expected) throws IOException {
        Map<RowKey, Expected> actual = read(indicator, period);
        String what = indicator.id + "/" + period.id + " ";
        expected.forEach((key, want) -> {
            Expected got = actual.get(key);
            if (got == null) {
                if (!(want.absentMeansZero() && want.value().signum() == 0)) {
                    mismatch(what + key + ": no row, expected " + want.value().toPlainString());
                }
            } else if (!got.regionLevel().equals(want.regionLevel()) || got.windowEndMillis() != want.windowEndMillis()
                    || got.value().compareTo(want.value()) != 0) {
                mismatch(what + key + ": expected " + want.value().toPlainString() + " (" + want.regionLevel()
                        + ", end " + want.windowEndMillis() + "), row has " + got.value().toPlainString() + " ("
                        + got.regionLevel() + ", end " + got.windowEndMillis() + ")");
            }
        });
        actual.forEach((key, got) -> {
            if (!expected.containsKey(key)) {
                mismatch(what + key + ": unexpected row " + got.value().toPlainString());
            }
        });
        rowsCompared += actual.size();
    }

    private Map<RowKey, Expected> read(Indicator indicator, Period period) throws IOException {
        Map<RowKey, Expected> rows = new HashMap<>();
        for (String[] r : clickHouse.queryTsv("SELECT region_level, region_code, insurance_type, subject,"
                + " toUnixTimestamp(window_start), toUnixTimestamp(window_end), value FROM " + indicatorsTable
                + " FINAL WHERE indicator = '" + indicator.id + "' AND period = '" + period.id + "'")) {
            RowKey key = new RowKey(r[1], r[2], r[3], Long.parseLong(r[4]) * 1000);
            if (rows.put(key, new Expected(r[0], Long.parseLong(r[5]) * 1000, new BigDecimal(r[6]), false)) != null) {
                mismatch(indicator.id + "/" + period.id + " " + key + ": more than one row after FINAL");
            }
        }
        return rows;
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
