package cn.hrss.monitor.warnings.lifecycle;

import static cn.hrss.monitor.warnings.lifecycle.LifecycleFixtures.HOUR;
import static cn.hrss.monitor.warnings.lifecycle.LifecycleFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.sinks.clickhouse.AlertRowEncoder;
import cn.hrss.monitor.sinks.clickhouse.AlertTransitionEncoder;
import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import cn.hrss.monitor.sinks.clickhouse.JsonEachRow;
import cn.hrss.monitor.sinks.clickhouse.RowEncoder;
import cn.hrss.monitor.sinks.kafka.AlertSerializer;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The ClickHouse rows and Kafka records of alerts agree with 004_alerts.sql and carry the whole transition. */
class AlertOutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A real resolved transition of the lifecycle. */
    private static AlertTransition resolved() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Observation, ?, AlertTransition> h =
                LifecycleFixtures.harness(LifecycleFixtures.monthsPayable(1, HOUR));
        h.processElement(LifecycleFixtures.monthsPayable(Severity.RED, T0, "2.4"), T0);
        h.processElement(LifecycleFixtures.monthsPayable(null, T0 + HOUR, "9.4"), T0 + HOUR);
        h.watermark(T0 + 2 * HOUR);
        List<AlertTransition> out = h.extractOutputValues();
        return out.get(out.size() - 1);
    }

    /** Column names of {@code CREATE TABLE ... ${database}.<table>} in 004_alerts.sql, in order. */
    private static List<String> columnsOf(String table) throws Exception {
        String sql = Files.readString(ClickHouseConf.directory().resolve("migrations/004_alerts.sql"));
        Matcher create = Pattern.compile("CREATE TABLE IF NOT EXISTS \\$\\{database}\\." + table + "\\s*\\((.*?)\\)\\s*ENGINE",
                Pattern.DOTALL).matcher(sql);
        assertThat(create.find()).as("CREATE TABLE for " + table).isTrue();
        List<String> columns = new ArrayList<>();
        for (String line : create.group(1).split("\n")) {
            if (!line.isBlank()) {
                columns.add(line.strip().split("\\s+")[0]);
            }
        }
        return columns;
    }

    private static <T> JsonNode encode(RowEncoder<T> encoder, T row) throws Exception {
        String line = new String(JsonEachRow.line(encoder, row), StandardCharsets.UTF_8);
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("null");
        return JSON.readTree(line);
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void alertRowsHaveExactlyTheColumnsOfTheAlertsTable() throws Exception {
        AlertTransition t = resolved();
        JsonNode row = encode(new AlertRowEncoder(), t);

        assertThat(fieldNames(row)).containsExactlyInAnyOrderElementsOf(columnsOf("alerts")).hasSize(24);
        assertThat(row.get("alert_id").asText()).isEqualTo(t.alertId);
        assertThat(row.get("last_transition").asText()).isEqualTo("RESOLVED");
        assertThat(row.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(row.get("sequence").asLong()).isEqualTo(2);
        assertThat(row.get("starts_at").asLong()).isEqualTo(T0 / 1000);
        assertThat(row.get("ends_at").asLong()).isEqualTo((T0 + 2 * HOUR) / 1000);
        assertThat(row.get("human_review").asInt()).isZero();
        assertThat(JSON.readTree(row.get("evidence").asText()).get("months").asText()).isEqualTo("2.4");
    }

    @Test
    void transitionRowsHaveExactlyTheColumnsOfTheAlertEventsTable() throws Exception {
        AlertTransition t = resolved();
        JsonNode row = encode(new AlertTransitionEncoder(), t);

        assertThat(fieldNames(row)).containsExactlyInAnyOrderElementsOf(columnsOf("alert_events")).hasSize(25);
        assertThat(row.get("transition").asText()).isEqualTo("RESOLVED");
        assertThat(row.get("previous_severity").asText()).isEqualTo("red");
        assertThat(row.get("region_name").asText()).isEqualTo("北京市朝阳区");
        assertThat(row.get("rule_version").asInt()).isEqualTo(1);
    }

    @Test
    void kafkaRecordsAreKeyedByAlertIdAndNestEvidenceAndLabels() throws Exception {
        AlertTransition t = resolved();
        JsonNode value = JSON.readTree(new AlertSerializer().serialize(t));

        assertThat(new String(AlertSerializer.key(t), StandardCharsets.UTF_8)).isEqualTo(t.alertId);
        assertThat(value.get("alertId").asText()).isEqualTo(t.alertId);
        assertThat(value.get("transition").asText()).isEqualTo("RESOLVED");
        assertThat(value.get("evidence").get("threshold").asText()).isEqualTo("9");
        assertThat(value.get("labels").get("alertname").asText()).isEqualTo("fund_months_payable");
        assertThat(value.get("title").asText()).isEqualTo(t.title);
        assertThat(value.get("endsAt").asLong()).isEqualTo(T0 + 2 * HOUR);
    }

    @Test
    void theTransitionAndTheEpisodeStateAreFlinkPojosWithoutKryo() {
        SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
        noGenericTypes.setGenericTypes(false);
        for (Class<?> type : List.of(AlertTransition.class, OpenEpisode.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            info.createSerializer(noGenericTypes); // throws if any nested field would fall back to Kryo
        }
    }
}
