package cn.hrss.monitor.devstack.dashboards;

import cn.hrss.monitor.devstack.GrafanaProvisioning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The dashboard files of the repository (dashboards/json), as Grafana would load them. */
final class Dashboards {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {}

    /** One dashboard file. */
    record Dashboard(String file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        String title() {
            return json.path("title").asText();
        }

        List<JsonNode> panels() {
            List<JsonNode> panels = new ArrayList<>();
            json.path("panels").forEach(panels::add);
            return panels;
        }

        List<JsonNode> variables() {
            List<JsonNode> variables = new ArrayList<>();
            json.path("templating").path("list").forEach(variables::add);
            return variables;
        }

        @Override
        public String toString() {
            return file + " (" + title() + ")";
        }
    }

    /** @return every {@code *.json} under dashboards/json, by file name */
    static List<Dashboard> load() {
        Path dir = GrafanaProvisioning.dashboardsDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            List<Dashboard> dashboards = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(new Dashboard(f.getFileName().toString(), JSON.readTree(f.toFile())));
            }
            if (dashboards.isEmpty()) {
                throw new IllegalStateException("no dashboards in " + dir);
            }
            return dashboards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the SQL of a panel's only query */
    static String rawSql(JsonNode panel) {
        return panel.path("targets").path(0).path("rawSql").asText();
    }

    /** @return the SQL of a query variable */
    static String rawSqlOfVariable(JsonNode variable) {
        return variable.path("query").path("rawSql").asText();
    }
}
