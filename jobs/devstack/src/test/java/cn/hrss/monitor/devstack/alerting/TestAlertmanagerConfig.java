package cn.hrss.monitor.devstack.alerting;

import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped {@code alerts/alertmanager.yml} made testable: the same routes, grouping and inhibition, with every
 * receiver (keeping its name) replaced by the test's webhook, and every timing divided by {@code speedUp} so that
 * minutes of group waits pass in seconds.
 */
public final class TestAlertmanagerConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final List<String> TIMINGS = List.of("group_wait", "group_interval", "repeat_interval");

    private TestAlertmanagerConfig() {}

    public static Path shipped() {
        return ClickHouseConf.directory().getParent().getParent().resolve("alerts/alertmanager.yml");
    }

    public static Path write(URI webhook, int speedUp, Path dir) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(shipped().toFile());
        config.remove("templates");
        ObjectNode global = config.putObject("global");
        global.put("resolve_timeout", "5m");
        for (JsonNode receiver : config.get("receivers")) {
            ObjectNode r = (ObjectNode) receiver;
            String name = r.get("name").asText();
            r.removeAll();
            r.put("name", name);
            ArrayNode hooks = r.putArray("webhook_configs");
            hooks.addObject().put("url", webhook.toString()).put("send_resolved", true);
        }
        speedUp((ObjectNode) config.get("route"), speedUp);
        Path file = dir.resolve("alertmanager-test.yml");
        YAML.writeValue(file.toFile(), config);
        return file;
    }

    private static void speedUp(ObjectNode route, int factor) {
        for (String key : TIMINGS) {
            if (route.has(key)) {
                route.put(key, (millis(route.get(key).asText()) / factor) + "ms");
            }
        }
        if (route.has("routes")) {
            route.get("routes").forEach(child -> speedUp((ObjectNode) child, factor));
        }
    }

    private static long millis(String goDuration) {
        Matcher m = GO_DURATION.matcher(goDuration);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected duration in alertmanager.yml: " + goDuration);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
    }
}
