package cn.hrss.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hrss.monitor.events.EventFamily;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonitorConfigTest {
    private static final Path APP_PROPERTIES = Path.of("../../conf/app.properties");
    private static final String SOURCE = "conf/app.properties";
    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    @Test
    void shippedFileLoads() {
        MonitorConfig c = MonitorConfig.load(APP_PROPERTIES);

        assertThat(c.kafka().topics()).containsOnlyKeys(EventFamily.values());
        assertThat(c.kafka().deadLetterTopic()).isNotBlank();
        assertThat(c.ingest().dedupHorizon()).isGreaterThanOrEqualTo(c.ingest().allowedLateness());
        assertThat(c.clickHouse().batchRows()).isPositive();
        assertThat(c.flink().parallelism()).isPositive();
    }

    @Test
    void shippedValuesAreTypedAsWritten() throws IOException {
        MonitorConfig c = MonitorConfig.from(shipped(), SOURCE, NO_ENV);

        assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.kafka().groupId()).isEqualTo("hrss-monitor");
        assertThat(c.kafka().topics()).containsEntry(EventFamily.EMPLOYMENT, "hrss.employment")
                .containsEntry(EventFamily.UNEMPLOYMENT, "hrss.unemployment")
                .containsEntry(EventFamily.INSURED, "hrss.insured")
                .containsEntry(EventFamily.CONTRIBUTION, "hrss.contribution")
                .containsEntry(EventFamily.BENEFIT, "hrss.benefit")
                .containsEntry(EventFamily.DEATH, "hrss.death");
        assertThat(c.kafka().deadLetterTopic()).isEqualTo("hrss.rejected");
        assertThat(c.ingest().maxOutOfOrderness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.ingest().allowedLateness()).isEqualTo(Duration.ofHours(2));
        assertThat(c.ingest().sourceIdleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.ingest().dedupHorizon()).isEqualTo(Duration.ofDays(2));
        assertThat(c.ingest().maxFuture()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.ingest().pseudonymKey().envVariable()).isEqualTo("HRSS_PSEUDONYM_KEY");
        assertThat(c.ingest().pseudonymKey().file()).isNull();
        assertThat(c.clickHouse().url()).isEqualTo("http://localhost:8123");
        assertThat(c.clickHouse().user()).isEqualTo("default");
        assertThat(c.clickHouse().password().envVariable()).isEqualTo("HRSS_CLICKHOUSE_PASSWORD");
        assertThat(c.clickHouse().database()).isEqualTo("hrss");
        assertThat(c.clickHouse().batchRows()).isEqualTo(50_000);
        assertThat(c.clickHouse().batchAge()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.clickHouse().retryFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.flink().checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.flink().parallelism()).isEqualTo(2);
        assertThat(c.referenceDir()).isNull();
    }

    @Test
    void configSurvivesJavaSerialisation() throws Exception {
        MonitorConfig c = MonitorConfig.from(shipped(), SOURCE, NO_ENV);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(c);
        }
    }

    // ---- mistakes ---------------------------------------------------------------------------------------------------

    static Stream<String> requiredKeys() throws IOException {
        Properties p = shipped();
        Set<String> optional = Set.of("pseudonym.key-file", "clickhouse.password-file", "reference.dir",
                "flink.checkpoint-dir", "rules.dir", "alertmanager.urls", "alertmanager.user",
                "alertmanager.password-file");
        return p.stringPropertyNames().stream().filter(k -> !optional.contains(k)).sorted();
    }

    @ParameterizedTest
    @MethodSource("requiredKeys")
    void missingKeyNamesFileAndKey(String key) throws IOException {
        Properties p = shipped();
        p.remove(key);
        assertConfigError(p, key, "missing");

        p.setProperty(key, "   ");
        assertConfigError(p, key, "missing");
    }

    @Test
    void missingKeyInAFileOnDiskNamesThatFile() throws IOException {
        Properties p = shipped();
        p.remove("kafka.group-id");
        Path file = dir.resolve("broken.properties");
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }

        assertThatThrownBy(() -> MonitorConfig.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("kafka.group-id");
    }

    @Test
    void unreadableFileNamesTheFile() {
        Path missing = dir.resolve("absent.properties");
        assertThatThrownBy(() -> MonitorConfig.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "ingest.max-out-of-orderness, 5 minutes",
        "ingest.max-out-of-orderness, ten",
        "ingest.allowed-lateness, 5",
        "ingest.source-idle-timeout, 30sec",
        "ingest.dedup-horizon, 2 days",
        "ingest.max-future, -10m",
        "sink.retry-for, P",
        "flink.checkpoint-interval, -PT10S"
    })
    void badDurationNamesFileAndKey(String key, String value) throws IOException {
        Properties p = shipped();
        p.setProperty(key, value);
        assertConfigError(p, key, value);
    }

    @ParameterizedTest
    @CsvSource({
        "30s, PT30S",
        "10m, PT10M",
        "2h, PT2H",
        "1h30m, PT1H30M",
        "0.5s, PT0.5S",
        "0s, PT0S",
        "P7D, PT168H",
        "PT15M, PT15M",
        "' 45s ', PT45S"
    })
    void durationFormats(String value, String expected) throws IOException {
        Properties p = shipped();
        p.setProperty("sink.batch-age", value);
        assertThat(MonitorConfig.from(p, SOURCE, NO_ENV).clickHouse().batchAge()).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "sink.batch-rows, 0",
        "sink.batch-rows, -1",
        "sink.batch-rows, abc",
        "sink.batch-rows, 1.5",
        "sink.batch-rows, 99999999999",
        "flink.parallelism, 0",
        "flink.parallelism, two"
    })
    void nonPositiveIntegerNamesFileAndKey(String key, String value) throws IOException {
        Properties p = shipped();
        p.setProperty(key, value);
        assertConfigError(p, key, "positive integer");
    }

    @Test
    void dedupHorizonShorterThanAllowedLatenessIsRefused() throws IOException {
        Properties p = shipped();
        p.setProperty("ingest.allowed-lateness", "2h");
        p.setProperty("ingest.dedup-horizon", "119m");
        assertConfigError(p, "ingest.dedup-horizon", "ingest.allowed-lateness");

        p.setProperty("ingest.dedup-horizon", "2h");
        assertThat(MonitorConfig.from(p, SOURCE, NO_ENV).ingest().dedupHorizon()).isEqualTo(Duration.ofHours(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hrss;DROP", "1hrss", "hrss-db", "hrss.db", "hrss db", "`hrss`", "监控"})
    void badDatabaseIdentifierIsRefused(String database) throws IOException {
        Properties p = shipped();
        p.setProperty("clickhouse.database", database);
        assertConfigError(p, "clickhouse.database", database.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hrss", "_hrss", "HRSS_test_2"})
    void plainDatabaseIdentifiersAreAccepted(String database) throws IOException {
        Properties p = shipped();
        p.setProperty("clickhouse.database", database);
        assertThat(MonitorConfig.from(p, SOURCE, NO_ENV).clickHouse().database()).isEqualTo(database);
    }

    @Test
    void referenceDirMustBeADirectory() throws IOException {
        Properties p = shipped();
        Path file = Files.writeString(dir.resolve("regions.csv"), "x");
        p.setProperty("reference.dir", file.toString());
        assertConfigError(p, "reference.dir", file.toString());

        p.setProperty("reference.dir", dir.resolve("missing").toString());
        assertConfigError(p, "reference.dir", "missing");

        p.setProperty("reference.dir", dir.toString());
        assertThat(MonitorConfig.from(p, SOURCE, NO_ENV).referenceDir()).isEqualTo(dir.toString());
    }

    @Test
    void alertmanagerIsOffUnlessUrlsAreGiven() throws IOException {
        assertThat(MonitorConfig.from(shipped(), SOURCE, NO_ENV).alertmanager().enabled()).isFalse();

        Map<String, String> env = Map.of("HRSS_ALERTMANAGER_URLS", "http://am-1:9093, https://am-2.example/am/");
        MonitorConfig c = MonitorConfig.from(shipped(), SOURCE, env::get);

        assertThat(c.alertmanager().urls()).extracting(Object::toString)
                .containsExactly("http://am-1:9093", "https://am-2.example/am/");
        assertThat(c.alertmanager().validFor()).isEqualTo(Duration.ofMinutes(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"am-1:9093", "ftp://am:21", "http://", "http://am:9093,,http://b:9093", "http://a b"})
    void badAlertmanagerUrlIsRefused(String urls) throws IOException {
        Properties p = shipped();
        p.setProperty("alertmanager.urls", urls);
        assertConfigError(p, "alertmanager.urls", "http(s) URLs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "TRUE", "1", "on"})
    void boundedMustBeTrueOrFalse(String value) throws IOException {
        Properties p = shipped();
        p.setProperty("kafka.bounded", value);
        assertConfigError(p, "kafka.bounded", "true or false");
    }

    @Test
    void alertmanagerResendIntervalBelowOneSecondIsRefused() throws IOException {
        Properties p = shipped();
        p.setProperty("alertmanager.resend-interval", "0s");
        assertConfigError(p, "alertmanager.resend-interval", "1s");
    }

    // ---- environment overrides --------------------------------------------------------------------------------------

    @Test
    void environmentOverridesWin() throws IOException {
        Map<String, String> env = Map.of(
                "HRSS_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "HRSS_INGEST_ALLOWED_LATENESS", "30m",
                "HRSS_KAFKA_TOPIC_DEAD_LETTER", "hrss.dlq",
                "HRSS_PSEUDONYM_KEY_FILE", "/run/secrets/pseudonym-key",
                "HRSS_FLINK_PARALLELISM", "8",
                "HRSS_REFERENCE_DIR", dir.toString());

        MonitorConfig c = MonitorConfig.from(shipped(), SOURCE, env::get);

        assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(c.ingest().allowedLateness()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.kafka().deadLetterTopic()).isEqualTo("hrss.dlq");
        assertThat(c.ingest().pseudonymKey().file()).isEqualTo("/run/secrets/pseudonym-key");
        assertThat(c.flink().parallelism()).isEqualTo(8);
        assertThat(c.referenceDir()).isEqualTo(dir.toString());
        // Untouched keys keep the file's value.
        assertThat(c.kafka().groupId()).isEqualTo("hrss-monitor");
    }

    @Test
    void environmentSuppliesAKeyMissingFromTheFile() throws IOException {
        Properties p = shipped();
        p.remove("clickhouse.url");
        Map<String, String> env = Map.of("HRSS_CLICKHOUSE_URL", "http://ch:8123");

        assertThat(MonitorConfig.from(p, SOURCE, env::get).clickHouse().url()).isEqualTo("http://ch:8123");
    }

    @Test
    void badEnvironmentOverrideNamesTheKey() throws IOException {
        Map<String, String> env = Map.of("HRSS_SINK_BATCH_ROWS", "0");

        assertThatThrownBy(() -> MonitorConfig.from(shipped(), SOURCE, env::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SOURCE)
                .hasMessageContaining("sink.batch-rows");
    }

    @Test
    void overrideCanBreakTheLatenessRule() throws IOException {
        Map<String, String> env = Map.of("HRSS_INGEST_ALLOWED_LATENESS", "P3D");

        assertThatThrownBy(() -> MonitorConfig.from(shipped(), SOURCE, env::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingest.dedup-horizon");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static Properties shipped() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(APP_PROPERTIES, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static void assertConfigError(Properties p, String key, String alsoMentioned) {
        assertThatThrownBy(() -> MonitorConfig.from(p, SOURCE, NO_ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SOURCE)
                .hasMessageContaining(key)
                .hasMessageContaining(alsoMentioned);
    }
}
