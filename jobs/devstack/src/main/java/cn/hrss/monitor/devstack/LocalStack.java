package cn.hrss.monitor.devstack;

import cn.hrss.monitor.job.KafkaMonitorSources;
import cn.hrss.monitor.job.MonitorJob;
import cn.hrss.monitor.job.ProductionSinks;
import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import cn.hrss.monitor.tools.clickhouse.ClickHouseMigrations;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import cn.hrss.monitor.tools.clickhouse.ClickHouseReferenceTables;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Everything the job needs on one machine: a real Kafka broker, a real ClickHouse server with the schema applied,
 * the topics, a fresh pseudonym key, and the job itself in an in-process Flink MiniCluster. Used by the demo, the
 * benchmark and the end-to-end tests; closing it stops everything it started.
 */
public final class LocalStack implements AutoCloseable {
    private static final int PARTITIONS_PER_TOPIC = 3;

    private final Path workDir;
    private final LocalKafka kafka;
    private final LocalClickHouse clickHouse;
    private final ClickHouseQueries queries;
    private final String database;
    private final Path pseudonymKeyFile;

    private LocalStack(Path workDir, LocalKafka kafka, LocalClickHouse clickHouse, ClickHouseQueries queries,
            String database, Path pseudonymKeyFile) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.clickHouse = clickHouse;
        this.queries = queries;
        this.database = database;
        this.pseudonymKeyFile = pseudonymKeyFile;
    }

    /**
     * Starts Kafka and ClickHouse (or uses {@code HRSS_KAFKA_BOOTSTRAP_SERVERS} / {@code HRSS_CLICKHOUSE_URL}), applies the migrations
     * to {@code database}, loads its reference tables and creates the topics named in {@code conf/app.properties}.
     */
    public static LocalStack start(Path workDir, String database) throws IOException {
        return start(workDir, database, null);
    }

    /**
     * As {@link #start(Path, String)}; a ClickHouse of our own also gets the read-only {@code dashboard_reader} with
     * this password (if not null), which may read the database {@code hrss} only.
     */
    public static LocalStack start(Path workDir, String database, String dashboardReaderPassword) throws IOException {
        Files.createDirectories(workDir);
        LocalKafka kafka = LocalKafka.start();
        LocalClickHouse clickHouse = null;
        try {
            clickHouse = LocalClickHouse.start(dashboardReaderPassword);
            ClickHouseQueries queries = new ClickHouseQueries(clickHouse.endpoint(database));
            new ClickHouseMigrations(queries, ClickHouseConf.directory().resolve(ClickHouseConf.MIGRATIONS)).apply();
            new ClickHouseReferenceTables(queries).loadDefault();
            Path keyFile = writePseudonymKey(workDir);
            LocalStack stack = new LocalStack(workDir, kafka, clickHouse, queries, database, keyFile);
            MonitorConfig config = stack.config(Map.of());
            Map<String, Integer> topics = new HashMap<>();
            config.kafka().topics().values().forEach(t -> topics.put(t, PARTITIONS_PER_TOPIC));
            topics.put(config.kafka().deadLetterTopic(), 1);
            topics.put(config.kafka().alertsTopic(), PARTITIONS_PER_TOPIC);
            kafka.createTopics(topics);
            kafka.createCompactedTopic(config.kafka().rulesTopic());
            return stack;
        } catch (IOException | RuntimeException e) {
            if (clickHouse != null) {
                clickHouse.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** A random key for this stack only, readable by its owner only: pseudonyms are not comparable across runs. */
    private static Path writePseudonymKey(Path workDir) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path file = workDir.resolve("pseudonym.key");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        return file;
    }

    /** {@code conf/app.properties} pointed at this stack, with {@code overrides} (property keys) applied on top. */
    public MonitorConfig config(Map<String, String> overrides) throws IOException {
        return MonitorConfig.from(properties(overrides), appProperties() + " (with local-stack overrides)", name -> null);
    }

    /**
     * The same configuration as a file, for submitting the job jar to a cluster ({@code flink run job.jar file}).
     *
     * @return the file, in the work directory
     */
    public Path writeConfig(String name, Map<String, String> overrides) throws IOException {
        Path file = workDir.resolve(name);
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties(overrides).store(out, "conf/app.properties pointed at the local stack");
        }
        MonitorConfig.load(file);
        return file;
    }

    private Properties properties(Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(appProperties(), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        p.setProperty("kafka.bootstrap-servers", kafka.bootstrapServers());
        p.setProperty("clickhouse.url", clickHouse.httpUrl());
        p.setProperty("clickhouse.user", clickHouse.user());
        p.setProperty("clickhouse.database", database);
        p.setProperty("pseudonym.key-file", pseudonymKeyFile.toString());
        p.setProperty("flink.checkpoint-dir", workDir.resolve("checkpoints").toUri().toString());
        p.putAll(overrides);
        return p;
    }

    private static Path appProperties() {
        return ClickHouseConf.directory().getParent().resolve("app.properties");
    }

    /** Submits the job to a MiniCluster in this JVM. Bounded: it stops at the Kafka offsets current at start. */
    public JobClient startJob(MonitorConfig config, boolean bounded) throws Exception {
        return startJob(config, bounded, new Configuration());
    }

    /** @param flinkSettings Flink options for the cluster and the job on top of ours, e.g. a restart strategy */
    public JobClient startJob(MonitorConfig config, boolean bounded, Configuration flinkSettings) throws Exception {
        StreamExecutionEnvironment env = environment(config, flinkSettings);
        MonitorJob.defineWorkflow(env, new KafkaMonitorSources(config, bounded), new ProductionSinks(config), config);
        return env.executeAsync("hrss-monitor");
    }

    /** An environment for a MiniCluster in this JVM, configured as the job configures it, for any workflow. */
    public static StreamExecutionEnvironment environment(MonitorConfig config, Configuration flinkSettings) {
        Configuration cluster = new Configuration(flinkSettings);
        // The job has some forty operators; the MiniCluster's default network memory is too small for their channels.
        cluster.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(256));
        cluster.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(256));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(cluster);
        MonitorJob.configure(env, config);
        return env;
    }

    /** An outage of our own ClickHouse server: stopped, its data kept. */
    public void stopClickHouse() {
        clickHouse.stopServer();
    }

    public void startClickHouse() throws IOException {
        clickHouse.startServer();
    }

    /** Restarts our own Kafka broker after {@code downtime}, keeping its data. */
    public void restartKafka(java.time.Duration downtime) throws InterruptedException {
        kafka.restartBroker(downtime);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public ClickHouseQueries clickHouse() {
        return queries;
    }

    public String clickHouseUrl() {
        return clickHouse.httpUrl();
    }

    /** True when ClickHouse came from {@code HRSS_CLICKHOUSE_URL} and outlives this stack. */
    public boolean clickHouseIsExternal() {
        return clickHouse.isExternal();
    }

    public String database() {
        return database;
    }

    public Path workDir() {
        return workDir;
    }

    /** @return {@code database.table} */
    public String table(String name) {
        return database + "." + name;
    }

    @Override
    public void close() {
        queries.close();
        clickHouse.close();
        kafka.close();
    }
}
