package cn.hrss.monitor.devstack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hrss.monitor.devstack.LocalClickHouse;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseMigrations;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
