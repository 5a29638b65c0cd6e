package cn.hrss.monitor.devstack.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.GrafanaProvisioning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provisioning the demo writes for a local Grafana: the repository's, pointed at the demo's ClickHouse. */
class GrafanaProvisioningTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void pointsTheProvisionedDataSourceAtTheGivenServerAndKeepsThePasswordInTheEnvironment(@TempDir Path dir)
            throws Exception {
        GrafanaProvisioning.writeFor(dir, URI.create("http://127.0.0.1:34567"), "dashboard_reader", "hrss", "s3cret");

        JsonNode ds = YAML.readTree(dir.resolve("provisioning/datasources/clickhouse.yaml").toFile())
                .path("datasources").path(0);
        assertThat(ds.path("uid").asText()).isEqualTo(GrafanaProvisioning.datasourceUid());
        assertThat(ds.path("type").asText()).isEqualTo("grafana-clickhouse-datasource");
        assertThat(ds.path("jsonData").path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(ds.path("jsonData").path("port").asInt()).isEqualTo(34567);
        assertThat(ds.path("jsonData").path("protocol").asText()).isEqualTo("http");
        assertThat(ds.path("jsonData").path("username").asText()).isEqualTo("dashboard_reader");
        assertThat(ds.path("jsonData").path("defaultDatabase").asText()).isEqualTo("hrss");
        assertThat(ds.path("secureJsonData").path("password").asText())
                .isEqualTo("${" + GrafanaProvisioning.PASSWORD_ENV + "}");
        JsonNode provider = YAML.readTree(dir.resolve("provisioning/dashboards/hrss.yaml").toFile())
                .path("providers").path(0);
        assertThat(Path.of(provider.path("options").path("path").asText()))
                .isEqualTo(GrafanaProvisioning.dashboardsDirectory().toAbsolutePath());

        Path env = dir.resolve("dashboard_reader.env");
        assertThat(Files.readString(env)).isEqualTo(GrafanaProvisioning.PASSWORD_ENV + "=s3cret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("provisioning/datasources/clickhouse.yaml"))).doesNotContain("s3cret");
    }
}
