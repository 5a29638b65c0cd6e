package cn.hrss.monitor.devstack.alerting;

import cn.hrss.monitor.devstack.LocalProcesses;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Prometheus Alertmanager for tests and the demo: Debian's {@code prometheus-alertmanager} (or {@code alertmanager})
 * on a free loopback port, clustering off, its storage (notification log, silences) in a temporary directory.
 * {@link #stop()} and {@link #start()} simulate an outage on the same port and storage; {@link #close()} removes
 * everything.
 */
public final class LocalAlertmanager implements AutoCloseable {
    private static final List<String> BINARIES = List.of(
            "/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager");
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Path binary;
    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private LocalAlertmanager(Path binary, Path dir, Path config, int port) {
        this.binary = binary;
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /** The installed Alertmanager binary, if any ({@code .ci/run} installs Debian's package). */
    public static Optional<Path> binary() {
        return BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts an Alertmanager with {@code configFile} (copied, so the caller may delete it) and waits until ready. */
    public static LocalAlertmanager start(Path configFile) throws IOException {
        Path binary = binary().orElseThrow(() -> new IOException(
                "Alertmanager is not installed: apt-get install prometheus-alertmanager"));
        Path dir = Files.createTempDirectory("hrss-alertmanager-");
        Path config = Files.copy(configFile, dir.resolve("alertmanager.yml"));
        LocalAlertmanager am = new LocalAlertmanager(binary, dir, config, LocalProcesses.freePort());
        try {
            return am.start();
        } catch (IOException | RuntimeException e) {
            am.close();
            throw e;
        }
    }

    /** The base URL (what {@code alertmanager.urls} takes). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** (Re)starts the process on the same port and storage; returns once it reports ready. */
    public synchronized LocalAlertmanager start() throws IOException {
        if (process != null) {
            return this;
        }
        process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=info")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile()))
                .start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (!ready()) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                String why = process.isAlive() ? "was not ready within " + START_TIMEOUT_MS + " ms"
                        : "exited with code " + process.exitValue();
                stop();
                throw new IOException("Alertmanager " + why + ". Its log:\n" + log());
            }
            LocalProcesses.sleep(100, "Alertmanager");
        }
        return this;
    }

    /** Stops the process (its storage stays, as a real instance's disk would). */
    public synchronized void stop() {
        if (process != null) {
            LocalProcesses.stopTree(process, STOP_TIMEOUT_MS);
            process = null;
        }
    }

    public String log() {
        return LocalProcesses.tail(dir.resolve("alertmanager.log"));
    }

    @Override
    public synchronized void close() {
        stop();
        LocalProcesses.deleteRecursively(dir);
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) url().resolve("/-/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The {@code amtool} next to the Alertmanager binary, for config checks. */
    public static Optional<Path> amtool() {
        return Stream.of("/usr/bin/amtool", "/usr/local/bin/amtool").map(Path::of).filter(Files::isExecutable)
                .findFirst();
    }
}
