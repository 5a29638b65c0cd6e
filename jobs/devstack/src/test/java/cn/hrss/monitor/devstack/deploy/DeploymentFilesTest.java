package cn.hrss.monitor.devstack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * conf/deploy cannot be run here (no container engine), so what can be checked without one is: images pinned to a
 * version, every file the stack mounts from the repository present (secrets come from prepare.sh, the jar from the
 * build), and every HRSS_* variable given to the job one that the job reads.
 */
class DeploymentFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = ClickHouseConf.directory().getParent().getParent();
    private static final Path DEPLOY = ROOT.resolve("conf/deploy");
    private static final Pattern PINNED = Pattern.compile("[^:]+:(v?\\d+(\\.\\d+)+[\\w.-]*)");
    private static final Pattern ARTIFACT_VERSION =
            Pattern.compile("<artifactId>hrss-monitor-parent</artifactId>\\s*<version>([^<]+)</version>");

    @Test
    void everyComposeImageIsPinnedToAVersion() throws IOException {
        JsonNode compose = yaml("docker-compose.yml");
        List<String> images = new ArrayList<>();
        compose.get("services").forEach(s -> images.add(s.get("image").asText()));

        assertThat(images).hasSizeGreaterThanOrEqualTo(8).allMatch(i -> PINNED.matcher(i).matches(),
                "image:version with a numbered version, never latest");
    }

    @Test
    void everyMountedRepositoryFileExists() throws IOException {
        JsonNode compose = yaml("docker-compose.yml");
        String jar = "monitor-job-" + projectVersion() + "-job.jar";
        List<String> sources = new ArrayList<>();
        compose.get("services").forEach(s -> {
            if (s.has("volumes")) {
                s.get("volumes").forEach(v -> sources.add(v.asText().split(":")[0]));
            }
        });

        for (String source : sources.stream().filter(s -> s.startsWith(".")).toList()) {
            Path path = DEPLOY.resolve(source).normalize();
            if (source.startsWith("./secrets/")) {
                assertThat(Files.readString(DEPLOY.resolve("prepare.sh"))).as("prepare.sh creates " + source)
                        .contains(source.substring("./".length()));
            } else if (source.endsWith("-job.jar")) {
                assertThat(path.getFileName().toString()).as("the shaded jar the build makes").isEqualTo(jar);
                assertThat(path.getParent()).isEqualTo(ROOT.resolve("jobs/monitor-job/target"));
            } else {
                assertThat(path).as(source).exists();
            }
        }
    }

    @Test
    void everyVariableGivenToTheJobIsOneItReads() throws IOException {
        Set<String> readByJob = jobVariables();
        Set<String> given = new TreeSet<>();
        JsonNode compose = yaml("docker-compose.yml");
        for (String service : List.of("jobmanager", "taskmanager")) {
            compose.at("/services/" + service + "/environment").fieldNames().forEachRemaining(given::add);
        }
        JsonNode k8s = yaml("flink-deployment.yaml");
        k8s.at("/spec/podTemplate/spec/containers/0/env").forEach(e -> given.add(e.get("name").asText()));
        given.removeIf(name -> !name.startsWith("HRSS_"));

        assertThat(given).isNotEmpty();
        assertThat(readByJob).containsAll(given);
    }

    /** A deployment file as a tree, its anchors and aliases resolved (SnakeYAML does; Jackson's YAML reader not). */
    private static JsonNode yaml(String file) throws IOException {
        return JSON.valueToTree(new Yaml().load(Files.readString(DEPLOY.resolve(file))));
    }

    /** HRSS_ + every key of conf/app.properties, and the variable named by clickhouse.password-env. */
    private static Set<String> jobVariables() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve("conf/app.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Set<String> names = new TreeSet<>();
        p.stringPropertyNames().forEach(k -> names.add("HRSS_" + k.toUpperCase().replace('.', '_').replace('-', '_')));
        names.add(p.getProperty("clickhouse.password-env"));
        names.add(p.getProperty("pseudonym.key-env"));
        return names;
    }

    private static String projectVersion() throws IOException {
        Matcher m = ARTIFACT_VERSION.matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("the root pom's version").isTrue();
        return m.group(1);
    }
}
