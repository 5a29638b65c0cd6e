package cn.hrss.monitor.tools.clickhouse;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code conf/clickhouse} folder from wherever a tool or test runs inside the repository. */
public final class ClickHouseConf {
    public static final String MIGRATIONS = "migrations";
    public static final String DASHBOARD_READER = "users.d/dashboard_reader.xml";

    private ClickHouseConf() {}

    /** @return {@code conf/clickhouse} in the working directory or the nearest parent that has one */
    public static Path directory() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("conf").resolve("clickhouse");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No conf/clickhouse in " + start + " or its parents; run from the repository");
    }
}
