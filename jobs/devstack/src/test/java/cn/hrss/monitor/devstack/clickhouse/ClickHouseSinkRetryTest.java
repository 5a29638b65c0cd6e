package cn.hrss.monitor.devstack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalClickHouse;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSink;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSinkSettings;
import cn.hrss.monitor.sinks.clickhouse.EventRowBinary;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A sink whose ClickHouse is not up yet waits and retries, and loses nothing once it is. */
class ClickHouseSinkRetryTest {

    @Test
    void theWriterRetriesUntilTheServerIsUpAndTheSchemaExists() throws Exception {
        // A server of our own, because this test decides when it starts.
        try (LocalClickHouse clickHouse = LocalClickHouse.prepare(null)) {
            ClickHouseEndpoint endpoint = clickHouse.endpoint("hrss_retry");
            List<Event> events = SinkFixtures.contributions(30);
            ClickHouseSinkSettings settings = ClickHouseSinkSettings.of(endpoint, "events")
                    .withMaxBatchRows(10)
                    .withBackoffMs(100, 1_000)
                    .withRetryTimeoutMs(90_000);

            CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
                try {
                    SinkFixtures.runJob(events, new ClickHouseSink<>(settings, new EventRowBinary()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(4_000);
            assertThat(job).as("the job cannot finish while ClickHouse is down").isNotDone();

            clickHouse.startServer();
            SinkFixtures.migrate(endpoint);
            job.get(120, TimeUnit.SECONDS);

            try (ClickHouseQueries q = new ClickHouseQueries(endpoint)) {
                assertThat(q.queryLong("SELECT count() FROM hrss_retry.events FINAL")).isEqualTo(30);
                assertThat(q.queryLong("SELECT uniqExact(event_id) FROM hrss_retry.events")).isEqualTo(30);
            }
        }
    }
}
