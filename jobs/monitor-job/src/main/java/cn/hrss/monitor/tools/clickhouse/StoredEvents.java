package cn.hrss.monitor.tools.clickhouse;

import cn.hrss.monitor.sinks.clickhouse.EventRowBinary;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads accepted events back from ClickHouse {@code events} (FINAL, in event-time order) for replays: the inverse of
 * {@link EventRowBinary}. Amounts come back as exact decimals.
 */
public final class StoredEvents {
    private static final String COLUMNS = "event_id, type, occurred_at_ms, offset_seconds, region_code, source,"
            + " insurance_type, person_pseudonym, birth_year, sex, employer_uscc, employer_headcount, employment_form,"
            + " contributor_kind, reason, fee_period, benefit_item, benefit_month, batch_id, toString(amount),"
            + " record_date, record_source, kafka_topic, kafka_partition, kafka_offset";

    private StoredEvents() {}

    /** @return the events with {@code fromMillis <= occurredAt < toMillis}, oldest first */
    public static List<Event> read(ClickHouseQueries ch, long fromMillis, long toMillis) throws IOException {
        List<Event> events = new ArrayList<>();
        for (String[] r : ch.queryTsv("SELECT " + COLUMNS + " FROM " + ch.endpoint().table("events")
                + " FINAL WHERE occurred_at_ms >= " + fromMillis + " AND occurred_at_ms < " + toMillis
                + " ORDER BY occurred_at_ms, event_id")) {
            events.add(event(r));
        }
        return events;
    }

    private static Event event(String[] r) {
        Event e = new Event();
        e.eventId = r[0];
        e.type = EventType.fromWireName(r[1]);
        e.occurredAt = Long.parseLong(r[2]);
        e.offsetSeconds = Integer.parseInt(r[3]);
        e.regionCode = r[4];
        e.source = r[5];
        e.insuranceType = orNull(r[6]);
        e.personPseudonym = orNull(r[7]);
        e.birthYear = Integer.parseInt(r[8]);
        e.sex = orNull(r[9]);
        e.employerUscc = orNull(r[10]);
        e.employerHeadcount = Integer.parseInt(r[11]);
        e.employmentForm = orNull(r[12]);
        e.contributorKind = orNull(r[13]);
        e.reason = orNull(r[14]);
        e.feePeriod = Integer.parseInt(r[15]);
        e.benefitItem = orNull(r[16]);
        e.benefitMonth = Integer.parseInt(r[17]);
        e.batchId = orNull(r[18]);
        e.amountFen = new java.math.BigDecimal(r[19]).movePointRight(2).longValueExact();
        e.recordDate = Integer.parseInt(r[20]);
        e.recordSource = orNull(r[21]);
        e.kafkaTopic = r[22];
        e.kafkaPartition = Integer.parseInt(r[23]);
        e.kafkaOffset = Long.parseLong(r[24]);
        return e;
    }

    /** The table stores absent text as '' (no Nullable on 18.16); the event model uses null. */
    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
