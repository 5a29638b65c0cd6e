package cn.hrss.monitor.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One KRaft node acting as both broker and controller, running inside this JVM, with all of its data in a
 * fresh temporary directory. Tuned for a laptop: single replica, few internal partitions, no rebalance delay.
 */
final class KafkaInProcessBroker {

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path baseDir;
    private final KafkaConfig config;
    private KafkaRaftServer server;
    private final int clientPort;

    private KafkaInProcessBroker(Path baseDir, KafkaConfig config, KafkaRaftServer server, int clientPort) {
        this.baseDir = baseDir;
        this.config = config;
        this.server = server;
        this.clientPort = clientPort;
    }

    /** Formats fresh storage and starts the node; returns once the broker is unfenced and serving clients. */
    static KafkaInProcessBroker start() {
        Path baseDir = createTempDir();
        KafkaRaftServer server = null;
        try {
            int[] ports = freeLoopbackPorts(2);
            Path dataDir = baseDir.resolve("data");
            formatStorage(dataDir);
            KafkaConfig config = KafkaConfig.fromProps(config(dataDir, ports[0], ports[1]), false);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            // Blocks until the controller has elected itself and the broker has registered and been unfenced.
            server.startup();
            return new KafkaInProcessBroker(baseDir, config, server, ports[0]);
        } catch (RuntimeException | Error e) {
            stopQuietly(server);
            deleteQuietly(baseDir);
            throw e;
        }
    }

    String bootstrapServers() {
        return HOST + ":" + clientPort;
    }

    /** Shuts the node down and starts it again on the same ports and data (a broker restart, as after a crash). */
    synchronized void restart(long downtimeMs) throws InterruptedException {
        server.shutdown();
        server.awaitShutdown();
        Thread.sleep(downtimeMs);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    synchronized void stop() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteQuietly(baseDir);
        }
    }

    private static Properties config(Path dataDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A single node can only hold one replica of the internal topics.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // The default 50 partitions per internal topic make the first consumer group / transaction slow to start.
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.num.partitions", "3");
        // Flink's exactly-once Kafka sink asks for transaction timeouts above the broker's 15 minute default.
        p.put("transaction.max.timeout.ms", "3600000");
        // The log cleaner (needed for compacted topics) would otherwise allocate a 128 MB dedupe buffer.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        return p;
    }

    /** Writes meta.properties and the bootstrap metadata, as `kafka-storage.sh format` would. */
    private static void formatStorage(Path dataDir) {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(CONTROLLER_LISTENER);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + dataDir, e);
        }
    }

    private static int[] freeLoopbackPorts(int count) {
        try {
            return LocalProcesses.freePorts(count);
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("local-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for Kafka", e);
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server != null) {
            try {
                server.shutdown();
            } catch (RuntimeException ignored) {
                // Already failing; the original error is the one worth reporting.
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException ignored) {
            // A leftover temp directory is harmless and the OS cleans it eventually.
        }
    }
}
