package cn.hrss.monitor.devstack;

import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The repository's Grafana provisioning ({@code dashboards/provisioning}) and dashboards ({@code dashboards/json}),
 * and a copy of the provisioning pointed at one ClickHouse, for a Grafana on this machine (the demo writes one).
 */
public final class GrafanaProvisioning {
    /** The environment variable the provisioned data source takes the reader's password from. */
    public static final String PASSWORD_ENV = "HRSS_DASHBOARD_READER_PASSWORD";
    private static final String DATASOURCES = "provisioning/datasources/clickhouse.yaml";
    private static final String PROVIDERS = "provisioning/dashboards/hrss.yaml";
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private GrafanaProvisioning() {}

    /** @return the repository's {@code dashboards} folder */
    public static Path root() {
        return ClickHouseConf.directory().getParent().getParent().resolve("dashboards");
    }

    /** @return the folder of the dashboard JSON files */
    public static Path dashboardsDirectory() {
        return root().resolve("json");
    }

    /** @return the fixed uid of the provisioned ClickHouse data source, which every dashboard must name */
    public static String datasourceUid() throws IOException {
        return datasource(YAML.readTree(root().resolve(DATASOURCES).toFile())).path("uid").asText();
    }

    /**
     * Writes {@code dir/provisioning} for a Grafana on this machine: the repository's data source pointed at
     * {@code clickHouseHttp} as {@code user} and {@code database}, the dashboard provider pointed at this
     * repository's dashboards/json, and, if {@code password} is not null, {@code dir/dashboard_reader.env}
     * (owner-only) setting {@link #PASSWORD_ENV}.
     */
    public static void writeFor(Path dir, URI clickHouseHttp, String user, String database, String password)
            throws IOException {
        JsonNode datasources = YAML.readTree(root().resolve(DATASOURCES).toFile());
        ObjectNode jsonData = (ObjectNode) datasource(datasources).path("jsonData");
        jsonData.put("host", clickHouseHttp.getHost());
        jsonData.put("port", clickHouseHttp.getPort());
        jsonData.put("protocol", "http");
        jsonData.put("secure", "https".equals(clickHouseHttp.getScheme()));
        jsonData.put("username", user);
        jsonData.put("defaultDatabase", database);
        JsonNode providers = YAML.readTree(root().resolve(PROVIDERS).toFile());
        ((ObjectNode) providers.path("providers").path(0).path("options"))
                .put("path", dashboardsDirectory().toAbsolutePath().toString());

        Files.createDirectories(dir.resolve(DATASOURCES).getParent());
        Files.createDirectories(dir.resolve(PROVIDERS).getParent());
        // Grafana interpolates ${NAME} in provisioning files: the password stays out of them.
        YAML.writeValue(dir.resolve(DATASOURCES).toFile(), datasources);
        YAML.writeValue(dir.resolve(PROVIDERS).toFile(), providers);
        Path env = dir.resolve("dashboard_reader.env");
        Files.deleteIfExists(env);
        if (password == null) {
            return;
        }
        Files.createFile(env, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(env, PASSWORD_ENV + "=" + password + "\n", StandardCharsets.UTF_8);
    }

    private static JsonNode datasource(JsonNode datasourcesFile) {
        return datasourcesFile.path("datasources").path(0);
    }
}
