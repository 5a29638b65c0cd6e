package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Event → events-table latency for a sample of events: when each sampled event was sent, and when its row was first
 * seen in ClickHouse. Sampling every {@code every}-th accepted event keeps the lookups small.
 */
final class IngestionSamples {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Simulator event ids; anything else is not put into SQL. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int LOOKUP_AT_MOST = 500;

    private final int every;
    private final String eventsTable;
    private final Map<String, Long> pendingSentNanos = new ConcurrentHashMap<>();
    private final List<Long> latenciesMillis = new ArrayList<>();
    private long accepted;

    IngestionSamples(int every, String eventsTable) {
        this.every = every;
        this.eventsTable = eventsTable;
    }

    /** On the producing thread: an accepted event's JSON, sent at {@code nanos}. */
    void sent(String json, long nanos) {
        if (accepted++ % every != 0) {
            return;
        }
        try {
            String id = JSON.readTree(json).path("eventId").asText();
            if (SAFE_ID.matcher(id).matches()) {
                pendingSentNanos.put(id, nanos);
            }
        } catch (IOException e) {
            throw new IllegalStateException("an accepted simulated record is not JSON", e);
        }
    }

    /** Looks up pending events; those found get their latency, measured to {@code nanos} (when the lookup began). */
    void poll(ClickHouseQueries ch, long nanos) throws IOException {
        List<String> ids = pendingSentNanos.keySet().stream().limit(LOOKUP_AT_MOST).toList();
        if (ids.isEmpty()) {
            return;
        }
        String in = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        for (String[] row : ch.queryTsv("SELECT DISTINCT event_id FROM " + eventsTable + " WHERE event_id IN (" + in
                + ")")) {
            Long sent = pendingSentNanos.remove(row[0]);
            if (sent != null) {
                latenciesMillis.add((nanos - sent) / 1_000_000);
            }
        }
    }

    int pending() {
        return pendingSentNanos.size();
    }

    Percentiles latencies() {
        return new Percentiles(latenciesMillis);
    }
}
