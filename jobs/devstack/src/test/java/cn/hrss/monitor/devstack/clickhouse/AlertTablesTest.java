package cn.hrss.monitor.devstack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalClickHouse;
import cn.hrss.monitor.sinks.clickhouse.AlertRowEncoder;
import cn.hrss.monitor.sinks.clickhouse.AlertTransitionEncoder;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSink;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSinkSettings;
import cn.hrss.monitor.warnings.lifecycle.AlertStatus;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import cn.hrss.monitor.warnings.lifecycle.Transition;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alert transitions through the ClickHouse sink into {@code alerts} and {@code alert_events} (004_alerts.sql). */
class AlertTablesTest {
    private static final long HOUR = 3_600_000L;
    private static final long START = SinkFixtures.MARCH_2024_MS;

    private static LocalClickHouse clickHouse;

    @BeforeAll
    static void start() throws Exception {
        clickHouse = LocalClickHouse.start();
    }

    @AfterAll
    static void stop() {
        clickHouse.close();
    }

    /** A fund alert that fires yellow, escalates to orange and resolves. */
    private static final List<AlertTransition> FUND = List.of(
            fund(1, Transition.FIRING, "yellow", ""),
            fund(2, Transition.ESCALATED, "orange", "yellow"),
            fund(3, Transition.RESOLVED, "orange", "orange"));

    private static AlertTransition fund(long sequence, Transition transition, String severity, String before) {
        AlertTransition t = new AlertTransition();
        t.alertId = "a1b2c3d4e5f60718";
        t.ruleId = "fund_months_payable";
        t.ruleVersion = 2;
        t.kind = "fund_months_payable";
        t.transition = transition;
        t.status = transition == Transition.RESOLVED ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        t.severity = severity;
        t.previousSeverity = before;
        t.regionCode = "110105";
        t.regionName = "北京市朝阳区";
        t.insuranceType = "110";
        t.scopeKey = "110105|110";
        t.title = "北京市朝阳区企业职工基本养老保险基金可支付月数不足（" + ("orange".equals(severity) ? "橙" : "黄") + "色预警）";
        t.summary = "可支付月数为" + (6 - sequence) + "个月，低于9个月。";
        t.evidence = "{\"months\":\"" + (6 - sequence) + "\",\"rule_version\":\"2\",\"threshold\":\"9\"}";
        t.runbook = "alerts/runbooks/fund_months_payable.md";
        t.labels = "{\"alert_id\":\"a1b2c3d4e5f60718\",\"alertname\":\"fund_months_payable\",\"severity\":\"" + severity
                + "\"}";
        t.startsAt = START;
        t.updatedAt = START + sequence * HOUR;
        t.endsAt = transition == Transition.RESOLVED ? t.updatedAt : 0;
        t.sequence = sequence;
        return t;
    }

    /** A fraud suspicion about a pseudonymised person, still open. */
    private static AlertTransition suspicion() {
        AlertTransition t = fund(1, Transition.FIRING, "yellow", "");
        t.alertId = "0f1e2d3c4b5a6978";
        t.ruleId = "benefit_after_death";
        t.kind = "benefit_after_death";
        t.personPseudonym = "p7f3a9c21";
        t.scopeKey = "p7f3a9c21|110";
        t.title = "死亡后仍发放待遇疑点";
        t.humanReview = true;
        return t;
    }

    private static ClickHouseSink<AlertTransition> sink(ClickHouseEndpoint endpoint, String table, boolean current) {
        ClickHouseSinkSettings settings = ClickHouseSinkSettings.of(endpoint, table).withMaxBatchRows(2);
        return new ClickHouseSink<>(settings, current ? new AlertRowEncoder() : new AlertTransitionEncoder());
    }

    @Test
    void alertsKeepTheLatestTransitionPerAlertWhateverTheInsertOrder() throws Exception {
        ClickHouseEndpoint endpoint = SinkFixtures.freshDatabase(clickHouse, "hrss_sink_alerts");
        SinkFixtures.migrate(endpoint);
        ClickHouseSink<AlertTransition> alerts = sink(endpoint, "alerts", true);

        SinkFixtures.runJob(List.of(FUND.get(2), suspicion()), alerts);
        SinkFixtures.runJob(List.of(FUND.get(0), FUND.get(1)), alerts); // older transitions, written later

        try (ClickHouseQueries q = new ClickHouseQueries(endpoint)) {
            List<String[]> rows = q.queryTsv("SELECT alert_id, rule_id, last_transition, status, severity, sequence,"
                    + " toUnixTimestamp(starts_at), toUnixTimestamp(ends_at), region_name, person_pseudonym,"
                    + " human_review, title, visitParamExtractString(evidence, 'months')"
                    + " FROM hrss_sink_alerts.alerts FINAL ORDER BY alert_id");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsExactly("0f1e2d3c4b5a6978", "benefit_after_death", "FIRING", "FIRING",
                    "yellow", "1", String.valueOf(START / 1000), "0", "北京市朝阳区", "p7f3a9c21", "1",
                    "死亡后仍发放待遇疑点", "5");
            assertThat(rows.get(1)).containsExactly("a1b2c3d4e5f60718", "fund_months_payable", "RESOLVED", "RESOLVED",
                    "orange", "3", String.valueOf(START / 1000), String.valueOf((START + 3 * HOUR) / 1000),
                    "北京市朝阳区", "", "0", "北京市朝阳区企业职工基本养老保险基金可支付月数不足（橙色预警）", "3");
            // The documented reader query without FINAL agrees.
            assertThat(q.queryTsv("SELECT alert_id, argMax(status, sequence) FROM hrss_sink_alerts.alerts"
                    + " GROUP BY alert_id ORDER BY alert_id"))
                    .containsExactly(new String[] {"0f1e2d3c4b5a6978", "FIRING"},
                            new String[] {"a1b2c3d4e5f60718", "RESOLVED"});
        }
    }

    @Test
    void alertEventsKeepEveryTransitionOnceAcrossReplays() throws Exception {
        ClickHouseEndpoint endpoint = SinkFixtures.freshDatabase(clickHouse, "hrss_sink_alert_events");
        SinkFixtures.migrate(endpoint);
        ClickHouseSink<AlertTransition> events = sink(endpoint, "alert_events", false);

        SinkFixtures.runJob(FUND, events);
        SinkFixtures.runJob(FUND.subList(1, 3), events); // a replay after a failure

        try (ClickHouseQueries q = new ClickHouseQueries(endpoint)) {
            assertThat(q.queryTsv("SELECT sequence, transition, severity, previous_severity,"
                    + " toUnixTimestamp(updated_at), visitParamExtractString(labels, 'alertname')"
                    + " FROM hrss_sink_alert_events.alert_events FINAL ORDER BY alert_id, sequence"))
                    .containsExactly(
                            new String[] {"1", "FIRING", "yellow", "", String.valueOf((START + HOUR) / 1000),
                                "fund_months_payable"},
                            new String[] {"2", "ESCALATED", "orange", "yellow",
                                String.valueOf((START + 2 * HOUR) / 1000), "fund_months_payable"},
                            new String[] {"3", "RESOLVED", "orange", "orange",
                                String.valueOf((START + 3 * HOUR) / 1000), "fund_months_payable"});
        }
    }
}
