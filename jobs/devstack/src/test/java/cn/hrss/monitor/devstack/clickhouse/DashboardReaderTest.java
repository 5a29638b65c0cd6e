package cn.hrss.monitor.devstack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hrss.monitor.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import cn.hrss.monitor.devstack.LocalClickHouse;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import org.junit.jupiter.api.Test;

/** conf/clickhouse/users.d/dashboard_reader.xml as installed: reads hrss, writes nothing. */
class DashboardReaderTest {
    private static final String PASSWORD = "读者-pass-42";

    @Test
    void theDashboardReaderCanSelectButNotInsertNorCreate() throws Exception {
        try (LocalClickHouse clickHouse = LocalClickHouse.prepare(PASSWORD).startServer()) {
            ClickHouseEndpoint admin = clickHouse.endpoint("hrss");
            SinkFixtures.migrate(admin);
            try (ClickHouseQueries q = new ClickHouseQueries(admin)) {
                q.execute("INSERT INTO hrss.rejected_events (topic, kafka_offset, reason)"
                        + " VALUES ('hrss.benefit', 1, 'schema')");
                q.execute("CREATE DATABASE IF NOT EXISTS other");
                q.execute("CREATE TABLE IF NOT EXISTS other.t (x UInt8) ENGINE = Log");
            }

            ClickHouseEndpoint reader = new ClickHouseEndpoint(clickHouse.httpUrl(), "dashboard_reader", inFile(PASSWORD),
                    "hrss");
            try (ClickHouseQueries q = new ClickHouseQueries(reader)) {
                assertThat(q.queryLong("SELECT count() FROM hrss.rejected_events FINAL")).isEqualTo(1);
                assertThatThrownBy(() -> q.execute("INSERT INTO hrss.rejected_events (topic, kafka_offset, reason)"
                        + " VALUES ('hrss.benefit', 2, 'schema')"))
                        .hasMessageContaining("readonly");
                assertThatThrownBy(() -> q.execute("CREATE TABLE hrss.x (x UInt8) ENGINE = Log"))
                        .hasMessageContaining("readonly");
                assertThatThrownBy(() -> q.queryLong("SELECT count() FROM other.t"))
                        .hasMessageContaining("Access denied");
            }
            try (ClickHouseQueries q = new ClickHouseQueries(admin)) {
                assertThat(q.queryLong("SELECT count() FROM hrss.rejected_events")).isEqualTo(1);
            }

            ClickHouseEndpoint wrongPassword = new ClickHouseEndpoint(clickHouse.httpUrl(), "dashboard_reader",
                    inFile("guess"), "hrss");
            try (ClickHouseQueries q = new ClickHouseQueries(wrongPassword)) {
                assertThatThrownBy(() -> q.queryLong("SELECT 1")).isInstanceOf(java.io.IOException.class);
            }
        }
    }

    /** A password as a deployment gives it: in a secret file. */
    private static Secret inFile(String password) throws IOException {
        Path file = Files.createTempFile("hrss-password-", "");
        file.toFile().deleteOnExit();
        Files.writeString(file, password);
        return new Secret("HRSS_CLICKHOUSE_PASSWORD", file.toString());
    }
}
