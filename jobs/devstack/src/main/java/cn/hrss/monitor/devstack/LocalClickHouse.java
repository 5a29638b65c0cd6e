package cn.hrss.monitor.devstack;

import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import cn.hrss.monitor.config.Secret;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A ClickHouse server for the demo, the benchmark and tests. With HRSS_CLICKHOUSE_URL set (and optionally
 * HRSS_CLICKHOUSE_USER / HRSS_CLICKHOUSE_PASSWORD) that server is used as it is. Otherwise a {@code clickhouse-server} from
 * this machine runs in a fresh temporary directory on free loopback ports, with a minimal generated configuration;
 * {@link #close()} (or JVM exit) stops it and deletes the directory.
 */
public final class LocalClickHouse implements AutoCloseable {
    private static final String[] SERVER_BINARIES = {
        "/usr/bin/clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/local/bin/clickhouse-server"
    };
    private static final Secret PASSWORD = new Secret("HRSS_CLICKHOUSE_PASSWORD", null);
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long STOP_TIMEOUT_MS = 20_000;

    private final String httpUrl;
    private final String user;
    /** Where the user's password is: HRSS_CLICKHOUSE_PASSWORD, as for the job (a server of our own has none). */
    private final Secret password;
    /** Null for an external server. */
    private final Path dir;
    private final List<String> command;
    private Process process;
    private Thread shutdownHook;

    private LocalClickHouse(String httpUrl, String user, Secret password, Path dir, List<String> command) {
        this.httpUrl = httpUrl;
        this.user = user;
        this.password = password;
        this.dir = dir;
        this.command = command;
    }

    /** The server named by HRSS_CLICKHOUSE_URL, else a server of our own, started and answering. */
    public static LocalClickHouse start() throws IOException {
        return start(null);
    }

    /**
     * As {@link #start()}; a server of our own also gets the read-only {@code dashboard_reader} with this password
     * (if not null). A HRSS_CLICKHOUSE_URL server is used as it is: install the user there yourself.
     */
    public static LocalClickHouse start(String dashboardReaderPassword) throws IOException {
        String url = System.getenv("HRSS_CLICKHOUSE_URL");
        if (url != null && !url.isBlank()) {
            return new LocalClickHouse(url, envOr("HRSS_CLICKHOUSE_USER", "default"), PASSWORD,
                    null, List.of());
        }
        return prepare(dashboardReaderPassword).startServer();
    }

    /**
     * A server of our own (never HRSS_CLICKHOUSE_URL), configured but not yet running: its URL is known before it
     * answers, for tests of clients that must wait for it. The {@code default} user has no password.
     *
     * @param dashboardReaderPassword if not null, conf/clickhouse/users.d/dashboard_reader.xml is installed
     *                                with this password
     */
    public static LocalClickHouse prepare(String dashboardReaderPassword) throws IOException {
        List<String> command = serverCommand();
        Path dir = Files.createTempDirectory("hrss-clickhouse-");
        try {
            int httpPort = LocalProcesses.freePort();
            int tcpPort = LocalProcesses.freePort();
            Files.createDirectories(dir.resolve("users.d"));
            Files.writeString(dir.resolve("config.xml"), config(dir, httpPort, tcpPort), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("users.xml"), USERS, StandardCharsets.UTF_8);
            if (dashboardReaderPassword != null) {
                String template = Files.readString(
                        ClickHouseConf.directory().resolve(ClickHouseConf.DASHBOARD_READER), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(ClickHouseConf.DASHBOARD_READER),
                        template.replace("@PASSWORD_SHA256_HEX@", sha256Hex(dashboardReaderPassword)),
                        StandardCharsets.UTF_8);
            }
            List<String> full = new ArrayList<>(command);
            full.add("--config-file=" + dir.resolve("config.xml"));
            return new LocalClickHouse("http://127.0.0.1:" + httpPort, "default", PASSWORD, dir, full);
        } catch (IOException | RuntimeException e) {
            LocalProcesses.deleteRecursively(dir);
            throw e;
        }
    }

    /** Starts a prepared (or stopped) server and waits until it answers {@code /ping}. */
    public synchronized LocalClickHouse startServer() throws IOException {
        if (isExternal() || process != null) {
            return this;
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stop, "stop-local-clickhouse");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (!pingOk()) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                String why = process.isAlive() ? "did not answer within " + START_TIMEOUT_MS + " ms"
                        : "exited with code " + process.exitValue();
                String log = LocalProcesses.tail(dir.resolve("clickhouse-server.err.log"))
                        + LocalProcesses.tail(dir.resolve("stderr.log"));
                close();
                throw new IOException("clickhouse-server " + why + ". Its log:\n" + log);
            }
            LocalProcesses.sleep(200, "clickhouse-server");
        }
        return this;
    }

    /** The administrative user: {@code default} on a server of our own, else HRSS_CLICKHOUSE_USER. */
    public String user() {
        return user;
    }

    public String httpUrl() {
        return httpUrl;
    }

    /** True when this is the HRSS_CLICKHOUSE_URL server, which this class neither starts nor stops. */
    public boolean isExternal() {
        return dir == null;
    }

    /** The administrative user's endpoint for {@code database}. */
    public ClickHouseEndpoint endpoint(String database) {
        return new ClickHouseEndpoint(httpUrl, user, password, database);
    }

    @Override
    public synchronized void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or will run; stopping twice is harmless.
            }
            shutdownHook = null;
        }
        stop();
    }

    /** Stops the server of our own, keeping its data: {@link #startServer()} brings it back (an outage). */
    public synchronized void stopServer() {
        if (process != null) {
            LocalProcesses.stopTree(process, STOP_TIMEOUT_MS);
            process = null;
        }
    }

    private synchronized void stop() {
        stopServer();
        if (dir != null) {
            LocalProcesses.deleteRecursively(dir);
        }
    }

    private boolean pingOk() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(httpUrl + "/ping").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            try {
                return c.getResponseCode() == 200
                        && new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("Ok");
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** {@code clickhouse-server}, or the single {@code clickhouse} binary of current releases as {@code clickhouse server}. */
    private static List<String> serverCommand() {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry, "clickhouse-server"));
            }
        }
        for (String path : SERVER_BINARIES) {
            candidates.add(Path.of(path));
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return List.of(candidate.toString());
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path single = Path.of(entry.isEmpty() ? "." : entry, "clickhouse");
            if (Files.isExecutable(single)) {
                return List.of(single.toString(), "server");
            }
        }
        throw new IllegalStateException("No ClickHouse server on this machine (looked for clickhouse-server and"
                + " clickhouse on PATH and in /usr/bin, /usr/sbin). Install one with"
                + " `sudo apt-get install clickhouse-server`, or set HRSS_CLICKHOUSE_URL=http://host:8123 to use a"
                + " running server (with HRSS_CLICKHOUSE_USER / HRSS_CLICKHOUSE_PASSWORD if needed).");
    }

    /** Server settings that differ from the defaults: our ports, our directory, loopback only. */
    private static String config(Path dir, int httpPort, int tcpPort) {
        return """
                <?xml version="1.0"?>
                <yandex>
                    <logger>
                        <level>warning</level>
                        <log>%1$s/clickhouse-server.log</log>
                        <errorlog>%1$s/clickhouse-server.err.log</errorlog>
                        <size>10M</size>
                        <count>1</count>
                    </logger>
                    <http_port>%2$d</http_port>
                    <tcp_port>%3$d</tcp_port>
                    <listen_host>127.0.0.1</listen_host>
                    <path>%1$s/data/</path>
                    <tmp_path>%1$s/tmp/</tmp_path>
                    <user_files_path>%1$s/user_files/</user_files_path>
                    <format_schema_path>%1$s/format_schemas/</format_schema_path>
                    <users_config>users.xml</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>Asia/Shanghai</timezone>
                    <mark_cache_size>268435456</mark_cache_size>
                    <uncompressed_cache_size>268435456</uncompressed_cache_size>
                    <mlock_executable>false</mlock_executable>
                </yandex>
                """.formatted(dir.toAbsolutePath(), httpPort, tcpPort);
    }

    private static final String USERS = """
            <?xml version="1.0"?>
            <yandex>
                <profiles>
                    <default>
                        <max_memory_usage>4000000000</max_memory_usage>
                    </default>
                </profiles>
                <users>
                    <default>
                        <password></password>
                        <networks>
                            <ip>127.0.0.1</ip>
                            <ip>::1</ip>
                        </networks>
                        <profile>default</profile>
                        <quota>default</quota>
                    </default>
                </users>
                <quotas>
                    <default>
                        <interval>
                            <duration>3600</duration>
                            <queries>0</queries>
                            <errors>0</errors>
                            <result_rows>0</result_rows>
                            <read_rows>0</read_rows>
                            <execution_time>0</execution_time>
                        </interval>
                    </default>
                </quotas>
            </yandex>
            """;

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
