package cn.hrss.monitor.devstack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hrss.monitor.devstack.LocalClickHouse;
import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.tools.clickhouse.ClickHouseMigrations;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import cn.hrss.monitor.tools.clickhouse.ClickHouseReferenceTables;
import cn.hrss.monitor.warnings.rules.RuleCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseMigrationsTest {
    private static LocalClickHouse clickHouse;

    @BeforeAll
    static void start() throws IOException {
        clickHouse = LocalClickHouse.start();
    }

    @AfterAll
    static void stop() {
        clickHouse.close();
    }

    @Test
    void migrationsCreateTheDatabaseAndTablesAndASecondRunIsANoOp() throws IOException {
        ClickHouseEndpoint endpoint = SinkFixtures.freshDatabase(clickHouse, "hrss_migrate_twice");
        try (ClickHouseQueries queries = new ClickHouseQueries(endpoint)) {
            ClickHouseMigrations migrations = new ClickHouseMigrations(queries, SinkFixtures.migrationsDir());

            List<String> shipped;
            try (Stream<Path> files = Files.list(SinkFixtures.migrationsDir())) {
                shipped = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertThat(shipped).startsWith("001_events.sql", "002_indicators.sql", "003_rejected_events.sql");
            assertThat(migrations.apply()).containsExactlyElementsOf(shipped);
            assertThat(tables(queries)).contains("events", "indicators", "rejected_events", "schema_migrations");

            assertThat(migrations.apply()).isEmpty();
            assertThat(queries.queryLong("SELECT count() FROM hrss_migrate_twice.schema_migrations"))
                    .isEqualTo(shipped.size());
        }
    }

    /**
     * The reference tables hold the job's regions, targets, insurance types and rule bands, and a second load
     * replaces rather than adds (counted without FINAL: the tables are plain MergeTree).
     */
    @Test
    void referenceTablesHoldTheReferenceDataOnceAfterTwoLoads() throws IOException {
        ClickHouseEndpoint endpoint = SinkFixtures.freshDatabase(clickHouse, "hrss_reference_twice");
        try (ClickHouseQueries queries = new ClickHouseQueries(endpoint)) {
            new ClickHouseMigrations(queries, SinkFixtures.migrationsDir()).apply();
            ClickHouseReferenceTables tables = new ClickHouseReferenceTables(queries);

            Map<String, Integer> first = tables.loadDefault();
            Map<String, Integer> second = tables.loadDefault();

            long bands = RuleCatalog.loadDefault().stream().mapToLong(r -> r.bands.size()).sum();
            assertThat(second).isEqualTo(first).containsEntry("regions", RegionDirectory.loadDefault().all().size())
                    .containsEntry("employment_targets", RegionDirectory.loadDefault().all().size())
                    .containsEntry("insurance_types", InsuranceType.values().length)
                    .containsEntry("rule_bands", (int) bands);
            for (Map.Entry<String, Integer> table : second.entrySet()) {
                assertThat(queries.queryLong("SELECT count() FROM hrss_reference_twice." + table.getKey()))
                        .as(table.getKey()).isEqualTo(table.getValue().longValue());
            }
            assertThat(queries.queryTsv("SELECT display_name, level, parent_code, province_code, city_code"
                    + " FROM hrss_reference_twice.regions WHERE code = '110105'"))
                    .containsExactly(new String[] {"北京市朝阳区", "county", "110100", "110000", "110100"});
            assertThat(queries.queryTsv("SELECT severity_name, at_least, below FROM hrss_reference_twice.rule_bands"
                    + " WHERE rule_id = 'fund_months_payable' AND insurance_type = '110' ORDER BY severity_level"))
                    .containsExactly(new String[] {"红", "-inf", "3"}, new String[] {"橙", "3", "6"},
                            new String[] {"黄", "6", "9"}, new String[] {"蓝", "9", "12"});
        }
    }

    @Test
    void onlyNewFilesAreAppliedAndAnEditedAppliedFileIsRefused(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(SinkFixtures.migrationsDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        ClickHouseEndpoint endpoint = SinkFixtures.freshDatabase(clickHouse, "hrss_migrate_more");
        try (ClickHouseQueries queries = new ClickHouseQueries(endpoint)) {
            ClickHouseMigrations migrations = new ClickHouseMigrations(queries, dir);
            migrations.apply();

            Files.writeString(dir.resolve("999_extra.sql"),
                    "CREATE TABLE IF NOT EXISTS ${database}.extra_a (x UInt8) ENGINE = Log;\n"
                            + "CREATE TABLE IF NOT EXISTS ${database}.extra_b (x UInt8) ENGINE = Log;\n");
            assertThat(migrations.apply()).containsExactly("999_extra.sql");
            assertThat(tables(queries)).contains("extra_a,extra_b");

            Files.writeString(dir.resolve("002_indicators.sql"), "-- edited\n", StandardOpenOption.APPEND);
            assertThatThrownBy(migrations::apply).hasMessageContaining("002_indicators.sql was changed");
        }
    }

    private static String tables(ClickHouseQueries queries) throws IOException {
        return String.join(",", queries.queryTsv("SELECT name FROM system.tables WHERE database = '"
                + queries.endpoint().database() + "' ORDER BY name").stream().map(r -> r[0]).toList());
    }
}
