package cn.hrss.monitor.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.RejectedRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowEncodersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static <T> JsonNode encode(RowEncoder<T> encoder, T row) throws Exception {
        String line = new String(JsonEachRow.line(encoder, row), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("null");
        assertThat(line.strip()).doesNotContain("\n");
        return JSON.readTree(line);
    }

    @Test
    void indicatorValuesAreRoundedToTheColumnScaleAndNeverInExponentForm() throws Exception {
        IndicatorRow r = new IndicatorRow();
        r.indicator = "new_urban_employment";
        r.windowStart = 1_704_038_400_000L;
        r.value = new BigDecimal("1E+3");
        r.version = 7;
        String line = new String(JsonEachRow.line(new IndicatorRowEncoder(), r), StandardCharsets.UTF_8);
        assertThat(line).contains("\"value\":1000.0000");

        r.value = new BigDecimal("2.123456");
        assertThat(encode(new IndicatorRowEncoder(), r).get("value").decimalValue()).isEqualByComparingTo("2.1235");
    }

    @Test
    void rejectedRecordsUseKafkaPositionColumns() throws Exception {
        RejectedRecord r = new RejectedRecord();
        r.topic = "hrss.contribution";
        r.partition = 2;
        r.offset = 42;
        r.rejectedAt = 1_700_000_000_999L;
        r.reason = "schema";
        r.maskedPayload = "{\"id\":\"110105********1234\"}\n";

        JsonNode row = encode(new RejectedRecordEncoder(), r);

        assertThat(row.get("kafka_partition").asInt()).isEqualTo(2);
        assertThat(row.get("kafka_offset").asLong()).isEqualTo(42);
        assertThat(row.get("rejected_at").asLong()).isEqualTo(1_700_000_000L);
        assertThat(row.get("masked_payload").asText()).isEqualTo(r.maskedPayload);
    }
}
