package cn.hrss.monitor.devstack.warnings;

import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of ClickHouse {@code alerts FINAL}: an alert's current state as the job left it (004_alerts.sql).
 * Times are epoch seconds.
 */
record StoredAlert(String alertId, String ruleId, int ruleVersion, String status, String severity, String regionCode,
                   String insuranceType, String employerUscc, String personPseudonym, String scopeKey, String title,
                   String summary, String evidence, String runbook, boolean humanReview, long startsAt, long endsAt,
                   long sequence) {

    private static final String COLUMNS = "alert_id, rule_id, rule_version, status, severity, region_code,"
            + " insurance_type, employer_uscc, person_pseudonym, scope_key, title, summary, evidence, runbook,"
            + " human_review, toUnixTimestamp(starts_at), toUnixTimestamp(ends_at), sequence";

    static final String DATA_ABSENCE = "data_absence";

    /** @return every alert in {@code alerts FINAL} of {@code database}, matching {@code where} (SQL, or "1") */
    static List<StoredAlert> read(ClickHouseQueries ch, String database, String where) throws IOException {
        List<StoredAlert> alerts = new ArrayList<>();
        for (String[] r : ch.queryTsv("SELECT " + COLUMNS + " FROM " + database + ".alerts FINAL WHERE " + where
                + " ORDER BY rule_id, starts_at, alert_id")) {
            alerts.add(new StoredAlert(r[0], r[1], Integer.parseInt(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                    r[10], r[11], r[12], r[13], "1".equals(r[14]), Long.parseLong(r[15]), Long.parseLong(r[16]),
                    Long.parseLong(r[17])));
        }
        return alerts;
    }

    /** @return rule id → number of alerts in {@code alerts FINAL}, data_absence left out (it cannot be replayed) */
    static Map<String, Long> countByReplayableRule(ClickHouseQueries ch, String database) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (String[] r : ch.queryTsv("SELECT rule_id, count() FROM " + database + ".alerts FINAL WHERE rule_id != '"
                + DATA_ABSENCE + "' GROUP BY rule_id")) {
            counts.put(r[0], Long.parseLong(r[1]));
        }
        return counts;
    }

    /** For assertion messages: enough to find the alert and see why it fired. */
    String describe() {
        return ruleId + " v" + ruleVersion + " " + status + " " + severity + " [" + scopeKey + "] region " + regionCode
                + " " + title + " evidence " + evidence;
    }
}
