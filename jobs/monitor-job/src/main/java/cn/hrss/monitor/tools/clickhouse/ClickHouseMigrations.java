package cn.hrss.monitor.tools.clickhouse;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies {@code NNN_name.sql} files in order, once each. Applied files are recorded in
 * {@code <database>.schema_migrations} with a checksum; a file changed after it was applied is an error (write a
 * new file instead). {@code ${database}} in a file is replaced by the configured database. Statements in a file are
 * separated by a {@code ;} at the end of a line.
 */
public final class ClickHouseMigrations {
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{3})_[a-z0-9_]+\\.sql");
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

    private final ClickHouseQueries queries;
    private final Path directory;

    public ClickHouseMigrations(ClickHouseQueries queries, Path directory) {
        this.queries = queries;
        this.directory = directory;
    }

    /** @return the file names applied by this call, in order; empty when the schema was already current */
    public List<String> apply() throws IOException {
        String database = queries.endpoint().database();
        String bookkeeping = queries.endpoint().table("schema_migrations");
        queries.execute("CREATE DATABASE IF NOT EXISTS " + database);
        queries.execute("CREATE TABLE IF NOT EXISTS " + bookkeeping
                + " (version UInt32, name String, checksum String, applied_at DateTime)"
                + " ENGINE = ReplacingMergeTree ORDER BY version");
        Map<Integer, String> appliedChecksums = new TreeMap<>();
        for (String[] row : queries.queryTsv("SELECT version, checksum FROM " + bookkeeping + " FINAL")) {
            appliedChecksums.put(Integer.parseInt(row[0]), row[1]);
        }

        List<String> applied = new ArrayList<>();
        for (Map.Entry<Integer, Path> file : files().entrySet()) {
            String name = file.getValue().getFileName().toString();
            String sql = Files.readString(file.getValue(), StandardCharsets.UTF_8);
            String checksum = sha256(sql);
            String appliedChecksum = appliedChecksums.get(file.getKey());
            if (appliedChecksum != null) {
                if (!appliedChecksum.equals(checksum)) {
                    throw new IOException(name + " was changed after it was applied to " + database
                            + "; add a new migration file instead of editing an applied one");
                }
                continue;
            }
            for (String statement : statements(sql.replace("${database}", database))) {
                queries.execute(statement);
            }
            queries.execute("INSERT INTO " + bookkeeping + " (version, name, checksum, applied_at) VALUES ("
                    + file.getKey() + ", '" + name + "', '" + checksum + "', now())");
            applied.add(name);
        }
        return applied;
    }

    /** The migration files by version; a duplicate version is an error. */
    private Map<Integer, Path> files() throws IOException {
        Map<Integer, Path> byVersion = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path path : (Iterable<Path>) listing::iterator) {
                Matcher m = FILE_NAME.matcher(path.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                Path previous = byVersion.put(Integer.parseInt(m.group(1)), path);
                if (previous != null) {
                    throw new IOException("Two migrations with version " + m.group(1) + ": "
                            + previous.getFileName() + " and " + path.getFileName());
                }
            }
        }
        if (byVersion.isEmpty()) {
            throw new IOException("No NNN_name.sql migration files in " + directory.toAbsolutePath());
        }
        return byVersion;
    }

    /** Splits a file into statements, dropping {@code --} comment lines and empty pieces. */
    static List<String> statements(String sql) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String piece : STATEMENT_END.split(withoutComments)) {
            if (!piece.isBlank()) {
                statements.add(piece.strip());
            }
        }
        return statements;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * {@code bin/migrate [path/to/app.properties] [--dir d]}: the server, user, password and database of the job's
     * configuration (default {@code conf/app.properties}, with the same {@code HRSS_*} overrides, e.g.
     * {@code HRSS_CLICKHOUSE_URL}), so the schema is applied where, and by whom, the job writes. The directory defaults
     * to the repository's conf/clickhouse/migrations. After the migrations it reloads the reference tables
     * ({@link ClickHouseReferenceTables}).
     */
    public static void main(String[] args) {
        try {
            List<String> rest = new ArrayList<>(List.of(args));
            Path dir = ClickHouseConf.directory().resolve(ClickHouseConf.MIGRATIONS);
            int dirFlag = rest.indexOf("--dir");
            if (dirFlag >= 0) {
                if (dirFlag + 1 == rest.size()) {
                    throw new IllegalArgumentException("usage: migrate [app.properties] [--dir DIR]");
                }
                dir = Path.of(rest.remove(dirFlag + 1));
                rest.remove(dirFlag);
            }
            if (rest.size() > 1) {
                throw new IllegalArgumentException("usage: migrate [app.properties] [--dir DIR]; unexpected: " + rest);
            }
            MonitorConfig config = MonitorConfig.load(Path.of(rest.isEmpty() ? "conf/app.properties" : rest.get(0)));
            ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(config.clickHouse());
            try (ClickHouseQueries queries = new ClickHouseQueries(endpoint)) {
                List<String> applied = new ClickHouseMigrations(queries, dir).apply();
                System.out.println(applied.isEmpty()
                        ? "Schema of " + endpoint.database() + " is up to date."
                        : "Applied to " + endpoint.database() + ": " + String.join(", ", applied));
                System.out.println("Reference tables reloaded (rows): "
                        + new TreeMap<>(new ClickHouseReferenceTables(queries).loadDefault()));
            }
        } catch (Exception e) {
            System.err.println("migrate: " + e.getMessage());
            System.exit(1);
        }
    }
}
