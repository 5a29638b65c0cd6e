package cn.hrss.monitor.config;

import cn.hrss.monitor.events.EventFamily;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * All settings of the monitoring job and its tools, typed and validated once at start-up ({@code conf/app.properties}),
 * grouped by the component they configure. Any key can be overridden by an environment variable: upper case, dots and
 * dashes as underscores, prefixed {@code HRSS_} (e.g. {@code HRSS_KAFKA_BOOTSTRAP_SERVERS}). The job, {@code bin/migrate},
 * {@code bin/rules}, {@code bin/alerts}, {@code bin/demo} and {@code bin/bench} all read these keys. Secrets (ClickHouse
 * and Alertmanager passwords, the pseudonym key) are never in the file: only the names of the variables or files that
 * hold them ({@link Secret}), resolved where they are used.
 *
 * @param rulesDir the rule catalog the job starts with; null = the copy of {@code alerts/rules} in the job jar
 * @param referenceDir replacement reference CSVs; null = the copy in the job jar
 */
public record MonitorConfig(
        KafkaSettings kafka,
        IngestSettings ingest,
        ClickHouseSettings clickHouse,
        AlertmanagerSettings alertmanager,
        FlinkSettings flink,
        String rulesDir,
        String referenceDir)
        implements Serializable {

    public static MonitorConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        return from(p, file.toString(), System::getenv);
    }

    /** @param source names the file in error messages; {@code env} supplies HRSS_* overrides */
    public static MonitorConfig from(Properties p, String source, Function<String, String> env) {
        Settings s = new Settings(p, source, env);
        Map<EventFamily, String> topics = new EnumMap<>(EventFamily.class);
        for (EventFamily f : EventFamily.values()) {
            topics.put(f, s.text("kafka.topic." + f.name().toLowerCase()));
        }
        MonitorConfig c = new MonitorConfig(
                new KafkaSettings(
                        s.text("kafka.bootstrap-servers"),
                        s.text("kafka.group-id"),
                        s.flag("kafka.bounded"),
                        Map.copyOf(topics),
                        s.text("kafka.topic.dead-letter"),
                        s.text("kafka.topic.rules"),
                        s.text("kafka.topic.alerts")),
                new IngestSettings(
                        s.duration("ingest.max-out-of-orderness"),
                        s.duration("ingest.allowed-lateness"),
                        s.duration("ingest.source-idle-timeout"),
                        s.duration("ingest.dedup-horizon"),
                        s.duration("ingest.max-future"),
                        s.secret("pseudonym.key-env", "pseudonym.key-file")),
                new ClickHouseSettings(
                        s.text("clickhouse.url"),
                        s.text("clickhouse.user"),
                        s.secret("clickhouse.password-env", "clickhouse.password-file"),
                        s.text("clickhouse.database"),
                        s.positiveInt("sink.batch-rows"),
                        s.duration("sink.batch-age"),
                        s.duration("sink.retry-for")),
                new AlertmanagerSettings(
                        s.urls("alertmanager.urls"),
                        s.duration("alertmanager.resend-interval"),
                        s.duration("alertmanager.max-backoff"),
                        s.duration("alertmanager.give-up-after"),
                        s.text("alertmanager.runbook-base-url"),
                        s.text("alertmanager.dashboard-url"),
                        s.optional("alertmanager.user"),
                        s.secret("alertmanager.password-env", "alertmanager.password-file")),
                new FlinkSettings(
                        s.duration("flink.checkpoint-interval"),
                        s.positiveInt("flink.parallelism"),
                        s.optional("flink.checkpoint-dir")),
                s.optional("rules.dir"),
                s.optional("reference.dir"));
        if (c.rulesDir != null && !Files.isDirectory(Path.of(c.rulesDir))) {
            throw new ConfigException(source + ": rules.dir '" + c.rulesDir + "' is not a directory");
        }
        if (c.referenceDir != null && !Files.isDirectory(Path.of(c.referenceDir))) {
            throw new ConfigException(source + ": reference.dir '" + c.referenceDir + "' is not a directory");
        }
        if (c.ingest.allowedLateness().compareTo(c.ingest.dedupHorizon()) > 0) {
            throw new ConfigException(source + ": ingest.dedup-horizon (" + c.ingest.dedupHorizon()
                    + ") must be at least ingest.allowed-lateness (" + c.ingest.allowedLateness()
                    + "), or a late re-send would be counted twice");
        }
        if (c.alertmanager.resendInterval().toSeconds() < 1) {
            throw new ConfigException(source + ": alertmanager.resend-interval must be at least 1s, got "
                    + c.alertmanager.resendInterval());
        }
        if (!c.clickHouse.database().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException(source + ": clickhouse.database must be a plain identifier, got '"
                    + c.clickHouse.database() + "'");
        }
        return c;
    }

    /** Reads typed values, preferring the environment override, and names file and key in every error. */
    private record Settings(Properties p, String source, Function<String, String> env) {
        String optional(String key) {
            String envName = "HRSS_" + key.toUpperCase().replace('.', '_').replace('-', '_');
            String v = env.apply(envName);
            if (v == null) {
                v = p.getProperty(key);
            }
            return v == null || v.isBlank() ? null : v.trim();
        }

        String text(String key) {
            String v = optional(key);
            if (v == null) {
                throw new ConfigException(source + ": missing required key '" + key + "'");
            }
            return v;
        }

        Duration duration(String key) {
            String v = text(key);
            try {
                Duration d = Duration.parse(v.startsWith("P") ? v : "PT" + v.toUpperCase());
                if (d.isNegative()) {
                    throw new ConfigException(source + ": key '" + key + "' must not be negative, got '" + v + "'");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new ConfigException(source + ": key '" + key + "' must be a duration like 30s, 10m, 2h or P7D, got '"
                        + v + "'");
            }
        }

        /** Comma-separated http(s) URLs; none when the key is empty. */
        List<URI> urls(String key) {
            String v = optional(key);
            if (v == null) {
                return List.of();
            }
            List<URI> urls = new ArrayList<>();
            for (String part : v.split(",")) {
                try {
                    URI u = new URI(part.trim());
                    if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                        urls.add(u);
                        continue;
                    }
                } catch (URISyntaxException e) {
                    // reported below
                }
                throw new ConfigException(source + ": key '" + key + "' must be comma-separated http(s) URLs, got '"
                        + part.trim() + "'");
            }
            return urls;
        }

        /** A secret's location: the variable named by {@code envKey}, or the file at {@code fileKey} when set. */
        Secret secret(String envKey, String fileKey) {
            return new Secret(text(envKey), optional(fileKey));
        }

        boolean flag(String key) {
            String v = text(key);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new ConfigException(source + ": key '" + key + "' must be true or false, got '" + v + "'");
        }

        int positiveInt(String key) {
            String v = text(key);
            try {
                int i = Integer.parseInt(v);
                if (i > 0) {
                    return i;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(source + ": key '" + key + "' must be a positive integer, got '" + v + "'");
        }
    }
}
