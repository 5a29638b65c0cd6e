package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.events.Event;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;

/** {@link Event} → a row of {@code events} (conf/clickhouse/migrations/001_events.sql). */
public final class EventRowEncoder implements RowEncoder<Event> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Event e, JsonGenerator json) throws IOException {
        json.writeStartObject();
        JsonEachRow.string(json, "event_id", e.eventId);
        JsonEachRow.string(json, "type", e.type.wireName);
        JsonEachRow.string(json, "family", e.type.family.name().toLowerCase(Locale.ROOT));
        JsonEachRow.dateTime(json, "occurred_at", e.occurredAt);
        json.writeNumberField("occurred_at_ms", e.occurredAt);
        json.writeNumberField("offset_seconds", e.offsetSeconds);
        JsonEachRow.string(json, "region_code", e.regionCode);
        JsonEachRow.string(json, "source", e.source);
        JsonEachRow.string(json, "insurance_type", e.insuranceType);
        JsonEachRow.string(json, "person_pseudonym", e.personPseudonym);
        json.writeNumberField("birth_year", e.birthYear);
        JsonEachRow.string(json, "sex", e.sex);
        JsonEachRow.string(json, "employer_uscc", e.employerUscc);
        json.writeNumberField("employer_headcount", e.employerHeadcount);
        JsonEachRow.string(json, "employment_form", e.employmentForm);
        JsonEachRow.string(json, "contributor_kind", e.contributorKind);
        JsonEachRow.string(json, "reason", e.reason);
        json.writeNumberField("fee_period", e.feePeriod);
        JsonEachRow.string(json, "benefit_item", e.benefitItem);
        json.writeNumberField("benefit_month", e.benefitMonth);
        JsonEachRow.string(json, "batch_id", e.batchId);
        // Fen are exact integers; yuan with two decimals is what readers sum.
        JsonEachRow.decimal(json, "amount", BigDecimal.valueOf(e.amountFen, 2), 2);
        json.writeNumberField("record_date", e.recordDate);
        JsonEachRow.string(json, "record_source", e.recordSource);
        JsonEachRow.string(json, "kafka_topic", e.kafkaTopic);
        json.writeNumberField("kafka_partition", e.kafkaPartition);
        json.writeNumberField("kafka_offset", e.kafkaOffset);
        json.writeEndObject();
    }
}
