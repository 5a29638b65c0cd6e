package cn.hrss.monitor.devstack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalClickHouse;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSink;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSinkSettings;
import cn.hrss.monitor.sinks.clickhouse.EventRowBinary;
import cn.hrss.monitor.sinks.clickhouse.IndicatorRowEncoder;
import cn.hrss.monitor.sinks.clickhouse.RejectedRecordEncoder;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sink on a real Flink MiniCluster into a real ClickHouse, one database per test. */
class ClickHouseSinkTest {
    private static LocalClickHouse clickHouse;

    @BeforeAll
    static void start() throws Exception {
        clickHouse = LocalClickHouse.start();
    }

    @AfterAll
    static void stop() {
        clickHouse.close();
    }

    private static ClickHouseEndpoint migrated(String database) throws Exception {
        ClickHouseEndpoint endpoint = SinkFixtures.freshDatabase(clickHouse, database);
        SinkFixtures.migrate(endpoint);
        return endpoint;
    }

    /** Small batches, so a job writes several. */
    private static ClickHouseSinkSettings settings(ClickHouseEndpoint endpoint, String table) {
        return ClickHouseSinkSettings.of(endpoint, table).withMaxBatchRows(7);
    }

    @Test
    void eventsAreWrittenInBatchesAndAReplayDoesNotDoubleThem() throws Exception {
        ClickHouseEndpoint endpoint = migrated("hrss_sink_events");
        List<Event> events = SinkFixtures.contributions(50);
        ClickHouseSink<Event> sink = new ClickHouseSink<>(settings(endpoint, "events"), new EventRowBinary());

        SinkFixtures.runJob(events, sink);

        try (ClickHouseQueries q = new ClickHouseQueries(endpoint)) {
            List<String[]> rows = q.queryTsv("SELECT event_id, type, family, toUnixTimestamp(occurred_at),"
                    + " occurred_at_ms, toYYYYMM(occurred_at), region_code, person_pseudonym, amount"
                    + " FROM hrss_sink_events.events FINAL ORDER BY event_id");
            assertThat(rows).hasSize(50);
            Event e7 = events.get(7);
            assertThat(rows.get(7)).containsExactly("ev-00007", "contribution.paid", "contribution",
                    String.valueOf(e7.occurredAt / 1000), String.valueOf(e7.occurredAt), "202403", "310115",
                    e7.personPseudonym, "7.01");
            assertThat(q.queryLong("SELECT uniqExact(toYYYYMM(occurred_at)) FROM hrss_sink_events.events"))
                    .isEqualTo(2);

            SinkFixtures.runJob(events, sink); // a replay after a failure writes the same rows again

            assertThat(q.queryLong("SELECT count() FROM hrss_sink_events.events FINAL")).isEqualTo(50);
            long expectedFen = IntStream.range(0, 50).mapToLong(i -> i * 100L + 1).sum();
            assertThat(q.queryTsv("SELECT sum(amount) FROM hrss_sink_events.events FINAL").get(0)[0])
                    .isEqualTo(String.format("%d.%02d", expectedFen / 100, expectedFen % 100));
        }
    }

    @Test
    void aNewerIndicatorVersionReplacesTheOlderOne() throws Exception {
        ClickHouseEndpoint endpoint = migrated("hrss_sink_indicators");
        ClickHouseSink<IndicatorRow> sink =
                new ClickHouseSink<>(settings(endpoint, "indicators"), new IndicatorRowEncoder());

        SinkFixtures.runJob(List.of(
                SinkFixtures.indicator("110105", "1200", 1),
                SinkFixtures.indicator("310115", "800.5", 1)), sink);
        SinkFixtures.runJob(List.of(SinkFixtures.indicator("110105", "1234.56785", 2)), sink);
        SinkFixtures.runJob(List.of(SinkFixtures.indicator("110105", "1234.56785", 2)), sink); // replay

        try (ClickHouseQueries q = new ClickHouseQueries(endpoint)) {
            String table = endpoint.table("indicators");
            assertThat(q.queryTsv("SELECT region_code, value, version, toUnixTimestamp(window_start)"
                    + " FROM " + table + " FINAL ORDER BY region_code"))
                    .containsExactly(
                            new String[] {"110105", "1234.5679", "2", String.valueOf(SinkFixtures.MARCH_2024_MS / 1000)},
                            new String[] {"310115", "800.5000", "1", String.valueOf(SinkFixtures.MARCH_2024_MS / 1000)});
            // The documented reader query without FINAL gives the same answer.
            assertThat(q.queryTsv("SELECT region_code, argMax(value, version) FROM " + table
                    + " GROUP BY indicator, period, region_code, insurance_type, window_start ORDER BY region_code"))
                    .containsExactly(new String[] {"110105", "1234.5679"}, new String[] {"310115", "800.5000"});
            assertThat(q.queryLong("SELECT countIf(written_at > toDateTime('2024-01-01 00:00:00')) FROM "
                    + table + " FINAL")).isEqualTo(2);
        }
    }

    @Test
    void rejectedRecordsRoundTripAndARetriedInsertDoesNotCountTwice() throws Exception {
        ClickHouseEndpoint endpoint = migrated("hrss_sink_rejected");
        List<RejectedRecord> records = IntStream.range(0, 20).mapToObj(SinkFixtures::rejected).toList();
        ClickHouseSink<RejectedRecord> sink =
                new ClickHouseSink<>(settings(endpoint, "rejected_events"), new RejectedRecordEncoder());

        SinkFixtures.runJob(records, sink);
        SinkFixtures.runJob(records.subList(5, 12), sink);

        try (ClickHouseQueries q = new ClickHouseQueries(endpoint)) {
            String table = endpoint.table("rejected_events");
            assertThat(q.queryLong("SELECT count() FROM " + table + " FINAL")).isEqualTo(20);
            String[] row = q.queryTsv("SELECT topic, kafka_partition, kafka_offset, reason, field, detail, event_id,"
                    + " masked_payload FROM " + table + " FINAL WHERE kafka_offset = 8").get(0);
            RejectedRecord r = records.get(8);
            assertThat(row).containsExactly(r.topic, "2", "8", r.reason, r.field, "金额不能为负数", "bad-8",
                    r.maskedPayload);
        }
    }
}
