package cn.hrss.monitor.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickHouseMigrationsTest {

    @Test
    void statementsAreSplitAtLineEndingSemicolonsAndCommentLinesDropped() {
        String sql = "-- a comment; with a semicolon\nCREATE TABLE a (s String DEFAULT ';')\nENGINE = Log;\n\n"
                + "CREATE TABLE b (x UInt8) ENGINE = Log;";
        assertThat(ClickHouseMigrations.statements(sql)).containsExactly(
                "CREATE TABLE a (s String DEFAULT ';')\nENGINE = Log", "CREATE TABLE b (x UInt8) ENGINE = Log");
    }
}
