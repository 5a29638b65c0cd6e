package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.events.Event;
import com.clickhouse.data.ClickHouseFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@link Event} → a RowBinary row of {@code events} (conf/clickhouse/migrations/001_events.sql). Every accepted event
 * becomes one row, so this table takes RowBinary rather than JSON: nothing to format here, nothing to parse in
 * ClickHouse.
 */
public final class EventRowBinary implements RowFormat<Event> {
    private static final long serialVersionUID = 1L;
    /** In the order {@link #append} writes them; the insert names them, so the table's column order does not matter. */
    private static final List<String> COLUMNS = List.of("event_id", "type", "family", "occurred_at", "occurred_at_ms",
            "offset_seconds", "region_code", "source", "insurance_type", "person_pseudonym", "birth_year", "sex",
            "employer_uscc", "employer_headcount", "employment_form", "contributor_kind", "reason", "fee_period",
            "benefit_item", "benefit_month", "batch_id", "amount", "record_date", "record_source", "kafka_topic",
            "kafka_partition", "kafka_offset");

    @Override
    public ClickHouseFormat format() {
        return ClickHouseFormat.RowBinary;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void append(Event e, OutputStream out) throws IOException {
        RowBinary.string(out, e.eventId);
        RowBinary.string(out, e.type.wireName);
        RowBinary.string(out, e.type.family.id);
        RowBinary.dateTime(out, e.occurredAt);
        RowBinary.int64(out, e.occurredAt);
        RowBinary.int32(out, e.offsetSeconds);
        RowBinary.string(out, e.regionCode);
        RowBinary.string(out, e.source);
        RowBinary.string(out, e.insuranceType);
        RowBinary.string(out, e.personPseudonym);
        RowBinary.int16(out, e.birthYear);
        RowBinary.string(out, e.sex);
        RowBinary.string(out, e.employerUscc);
        RowBinary.int32(out, e.employerHeadcount);
        RowBinary.string(out, e.employmentForm);
        RowBinary.string(out, e.contributorKind);
        RowBinary.string(out, e.reason);
        RowBinary.int32(out, e.feePeriod);
        RowBinary.string(out, e.benefitItem);
        RowBinary.int32(out, e.benefitMonth);
        RowBinary.string(out, e.batchId);
        // Decimal(18, 2) holds yuan as fen: the event's exact integer.
        RowBinary.decimal64(out, e.amountFen);
        RowBinary.int32(out, e.recordDate);
        RowBinary.string(out, e.recordSource);
        RowBinary.string(out, e.kafkaTopic);
        RowBinary.int32(out, e.kafkaPartition);
        RowBinary.int64(out, e.kafkaOffset);
    }
}
