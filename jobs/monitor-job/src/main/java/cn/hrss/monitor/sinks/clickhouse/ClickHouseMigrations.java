package cn.hrss.monitor.sinks.clickhouse;

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
     * {@code bin/migrate}: {@code [--url http://host:8123] [--user u] [--password p] [--database hrss] [--dir d]}.
     * Defaults come from CLICKHOUSE_URL, CLICKHOUSE_USER and CLICKHOUSE_PASSWORD (prefer the variable to
     * {@code --password}, which other users can see in the process list), else http://127.0.0.1:8123, user
     * {@code default} without password; the directory defaults to the repository's conf/clickhouse/migrations.
     * After the migrations it reloads the reference tables ({@link ClickHouseReferenceTables}).
     */
    public static void main(String[] args) {
        try {
            Map<String, String> options = options(args);
            ClickHouseEndpoint endpoint = new ClickHouseEndpoint(
                    options.getOrDefault("url", env("CLICKHOUSE_URL", "http://127.0.0.1:8123")),
                    options.getOrDefault("user", env("CLICKHOUSE_USER", "default")),
                    options.getOrDefault("password", env("CLICKHOUSE_PASSWORD", "")),
                    options.getOrDefault("database", ClickHouseEndpoint.DEFAULT_DATABASE));
            Path dir = options.containsKey("dir")
                    ? Path.of(options.get("dir"))
                    : ClickHouseConf.directory().resolve(ClickHouseConf.MIGRATIONS);
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

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!List.of("--url", "--user", "--password", "--database", "--dir").contains(name) || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: migrate [--url U] [--user U] [--password P]"
                        + " [--database D] [--dir DIR]; bad argument: " + name);
            }
            options.put(name.substring(2), args[++i]);
        }
        return options;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
