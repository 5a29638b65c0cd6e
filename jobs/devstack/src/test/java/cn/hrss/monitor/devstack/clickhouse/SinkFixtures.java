package cn.hrss.monitor.devstack.clickhouse;

import cn.hrss.monitor.devstack.LocalClickHouse;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.tools.clickhouse.ClickHouseMigrations;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Rows of each table and a bounded Flink job that sinks them: shared by the ClickHouse tests. */
final class SinkFixtures {
    /** 2024-03-01 00:00:00 in Asia/Shanghai. */
    static final long MARCH_2024_MS = 1_709_222_400_000L;

    private SinkFixtures() {}

    static Path migrationsDir() {
        return ClickHouseConf.directory().resolve(ClickHouseConf.MIGRATIONS);
    }

    /** An endpoint for {@code database}, dropped first: a HRSS_CLICKHOUSE_URL server keeps databases between runs. */
    static ClickHouseEndpoint freshDatabase(LocalClickHouse clickHouse, String database) throws IOException {
        ClickHouseEndpoint endpoint = clickHouse.endpoint(database);
        try (ClickHouseQueries queries = new ClickHouseQueries(endpoint)) {
            queries.execute("DROP DATABASE IF EXISTS " + database);
        }
        return endpoint;
    }

    static void migrate(ClickHouseEndpoint endpoint) throws IOException {
        try (ClickHouseQueries queries = new ClickHouseQueries(endpoint)) {
            new ClickHouseMigrations(queries, migrationsDir()).apply();
        }
    }

    /** Runs {@code rows → sink} to completion on a local MiniCluster (end of input flushes the sink). */
    static <T> void runJob(List<T> rows, ClickHouseSink<T> sink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(rows).sinkTo(sink);
        env.execute("clickhouse-sink-test");
    }

    /** {@code n} contribution events, event i paying i yuan and 1 fen, spread over two months. */
    static List<Event> contributions(int n) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event e = new Event();
            e.eventId = String.format("ev-%05d", i);
            e.type = EventType.CONTRIBUTION_PAID;
            e.occurredAt = MARCH_2024_MS + i * 86_400_000L + 1_234;
            e.offsetSeconds = 8 * 3600;
            e.regionCode = i % 2 == 0 ? "110105" : "310115";
            e.source = "sim";
            e.insuranceType = "110";
            e.personPseudonym = "p" + Integer.toHexString(31 * i + 7);
            e.birthYear = 1980 + i % 20;
            e.sex = i % 2 == 0 ? "F" : "M";
            e.employerUscc = "91110105MA00000" + (i % 10) + "XY";
            e.contributorKind = "employer";
            e.feePeriod = 202403;
            e.amountFen = i * 100L + 1;
            events.add(e);
        }
        return events;
    }

    static IndicatorRow indicator(String region, String value, long version) {
        IndicatorRow r = new IndicatorRow();
        r.indicator = "new_urban_employment";
        r.period = "month";
        r.regionLevel = "district";
        r.regionCode = region;
        r.insuranceType = "";
        r.windowStart = MARCH_2024_MS;
        r.windowEnd = MARCH_2024_MS + 31 * 86_400_000L;
        r.value = new BigDecimal(value);
        r.version = version;
        return r;
    }

    static RejectedRecord rejected(int offset) {
        RejectedRecord r = new RejectedRecord();
        r.topic = "hrss.contribution";
        r.partition = offset % 3;
        r.offset = offset;
        r.rejectedAt = MARCH_2024_MS + offset * 1_000L;
        r.reason = "invalid_field";
        r.field = "amount";
        r.detail = "金额不能为负数";
        r.eventId = "bad-" + offset;
        r.maskedPayload = "{\"citizen_id\":\"110105********123X\",\n\t\"amount\":-1}";
        return r;
    }
}
