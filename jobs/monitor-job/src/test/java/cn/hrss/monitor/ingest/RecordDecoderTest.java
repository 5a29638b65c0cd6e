package cn.hrss.monitor.ingest;

import static cn.hrss.monitor.ingest.TestRecords.KEY;
import static cn.hrss.monitor.ingest.TestRecords.MAX_FUTURE_MILLIS;
import static cn.hrss.monitor.ingest.TestRecords.NOW;
import static cn.hrss.monitor.ingest.TestRecords.OTHER_REGION_CITIZEN_ID;
import static cn.hrss.monitor.ingest.TestRecords.json;
import static cn.hrss.monitor.ingest.TestRecords.repeat;
import static cn.hrss.monitor.ingest.TestRecords.utf8;
import static cn.hrss.monitor.ingest.TestRecords.valid;
import static cn.hrss.monitor.ingest.TestRecords.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.events.EventType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private static final String ID = OTHER_REGION_CITIZEN_ID;
    private static final String MASKED_ID = ID.substring(0, 6) + "********" + ID.substring(14);

    private final RecordDecoder decoder = new RecordDecoder(KEY, MAX_FUTURE_MILLIS, () -> NOW);

    @Test
    void acceptedEventCarriesItsKafkaCoordinates() {
        Ingested in = decoder.decode("hrss.benefit", 3, 42L, json(valid(EventType.BENEFIT_PAID)));

        assertThat(in.isAccepted()).isTrue();
        assertThat(in.rejected).isNull();
        assertThat(in.event.kafkaTopic).isEqualTo("hrss.benefit");
        assertThat(in.event.kafkaPartition).isEqualTo(3);
        assertThat(in.event.kafkaOffset).isEqualTo(42L);
        assertThat(in.event.amountFen).isEqualTo(321_050L);
    }

    @Test
    void rejectedRecordCarriesCoordinatesReasonFieldAndEventId() {
        Ingested in = decoder.decode("hrss.death", 1, 9_000_000_000L,
                json(with(EventType.DEATH_RECORDED, "regionCode", "999999")));

        assertThat(in.isAccepted()).isFalse();
        assertThat(in.event).isNull();
        RejectedRecord r = in.rejected;
        assertThat(r.topic).isEqualTo("hrss.death");
        assertThat(r.partition).isEqualTo(1);
        assertThat(r.offset).isEqualTo(9_000_000_000L);
        assertThat(r.rejectedAt).isEqualTo(NOW);
        assertThat(r.reason).isEqualTo("invalid_region_code");
        assertThat(r.field).isEqualTo("regionCode");
        assertThat(r.detail).isNotBlank();
        assertThat(r.eventId).isEqualTo("evt-death.recorded-0001");
        assertThat(r.toString()).contains("invalid_region_code", "regionCode", "hrss.death/1@9000000000");
    }

    @Test
    void eventIdIsEmptyWhenItCouldNotBeRead() {
        assertThat(decoder.decode("t", 0, 0, utf8("not json")).rejected.eventId).isEmpty();
        assertThat(decoder.decode("t", 0, 0, null).rejected.reason).isEqualTo("malformed_json");

        // schemaVersion comes before eventId in the record.
        RejectedRecord r = decoder.decode("t", 0, 0, json(with(EventType.DEATH_RECORDED, "schemaVersion", 2))).rejected;
        assertThat(r.reason).isEqualTo("invalid_field");
        assertThat(r.eventId).isEmpty();
    }

    @Test
    void maskedPayloadKeepsOnlyTheFirstSixAndLastFourCharactersOfTheCitizenId() {
        Map<String, Object> broken = with(EventType.BENEFIT_PAID, "personId", ID);
        broken.put("amount", "-1.00");

        RejectedRecord r = decoder.decode("hrss.benefit", 0, 1, json(broken)).rejected;

        assertThat(r.reason).isEqualTo("invalid_amount");
        assertThat(r.maskedPayload)
                .doesNotContain(ID)
                .doesNotContain(ID.substring(6, 14))
                .contains("\"personId\":\"" + MASKED_ID + "\"")
                .contains("\"amount\":\"-1.00\"")
                .contains("\"regionCode\":\"110105\"");
        assertThat(r.maskedPayload).isEqualTo(new String(json(broken), StandardCharsets.UTF_8).replace(ID, MASKED_ID));
    }

    @Test
    void citizenIdWithABadCheckCharacterIsMaskedToo() {
        String bad = ID.substring(0, 17) + (ID.charAt(17) == '0' ? '1' : '0');
        RejectedRecord r = decoder.decode("t", 0, 0, json(with(EventType.BENEFIT_PAID, "personId", bad))).rejected;

        assertThat(r.reason).isEqualTo("invalid_citizen_id");
        assertThat(r.field).isEqualTo("personId");
        assertRawIdAbsent(r, bad);
    }

    @Test
    void citizenIdBehindANonAsciiDigitIsMaskedToo() {
        // A producer bug (or a copy from a full-width form) puts a stray digit in front: the record is rejected, and the
        // 18 ASCII characters that follow are still an ID to hide.
        RejectedRecord r = decoder.decode("t", 0, 0,
                json(with(EventType.BENEFIT_PAID, "personId", "\uFF11" + ID))).rejected;

        assertThat(r.reason).isEqualTo("invalid_citizen_id");
        assertRawIdAbsent(r, ID);
    }

    @Test
    void citizenIdInTheTypeFieldIsNeverRepeatedInClear() {
        RejectedRecord r = decoder.decode("t", 0, 0, json(with(EventType.BENEFIT_PAID, "type", ID))).rejected;

        assertThat(r.reason).isEqualTo("unknown_type");
        assertThat(r.field).isEqualTo("type");
        assertRawIdAbsent(r, ID);
    }

    @Test
    void citizenIdAsAFieldNameIsMaskedInTheFieldToo() {
        RejectedRecord r = decoder.decode("t", 0, 0, json(with(EventType.BENEFIT_PAID, ID, "x"))).rejected;

        assertThat(r.reason).isEqualTo("invalid_field");
        assertThat(r.field).isEqualTo(MASKED_ID);
        assertRawIdAbsent(r, ID);
    }

    @Test
    void citizenIdInsideATooLongValueIsNotRepeated() {
        RejectedRecord r = decoder.decode("t", 0, 0,
                json(with(EventType.UNEMPLOYMENT_REGISTERED, "reason", ID + repeat('-', 60)))).rejected;

        assertThat(r.reason).isEqualTo("invalid_field");
        assertThat(r.field).isEqualTo("reason");
        assertRawIdAbsent(r, ID);
    }

    @Test
    void citizenIdAsOccurredAtOrRegionIsNotRepeated() {
        RejectedRecord ts = decoder.decode("t", 0, 0, json(with(EventType.DEATH_RECORDED, "occurredAt", ID))).rejected;
        assertThat(ts.reason).isEqualTo("invalid_timestamp");
        assertRawIdAbsent(ts, ID);

        RejectedRecord region = decoder.decode("t", 0, 0,
                json(with(EventType.DEATH_RECORDED, "regionCode", ID))).rejected;
        assertThat(region.reason).isEqualTo("invalid_region_code");
        assertRawIdAbsent(region, ID);
    }

    @Test
    void citizenIdAsTheEventIdStaysOutOfDetailAndField() {
        Map<String, Object> record = with(EventType.DEATH_RECORDED, "eventId", ID);
        record.put("regionCode", "999999");

        RejectedRecord r = decoder.decode("t", 0, 0, json(record)).rejected;

        assertThat(r.reason).isEqualTo("invalid_region_code");
        assertThat(r.detail).doesNotContain(ID);
        assertThat(r.field).doesNotContain(ID);
        assertThat(r.maskedPayload).doesNotContain(ID).contains(MASKED_ID);
    }

    @Test
    void citizenIdAsTheEventIdIsNotStoredInClearInTheRejection() {
        // rejected_events.event_id is a column like any other: an ID-shaped value there is as exposed as in the payload.
        Map<String, Object> record = with(EventType.DEATH_RECORDED, "eventId", ID);
        record.put("regionCode", "999999");

        RejectedRecord r = decoder.decode("t", 0, 0, json(record)).rejected;

        assertThat(r.eventId).doesNotContain(ID);
    }

    @Test
    void longPayloadIsTruncated() {
        byte[] record = json(with(EventType.DEATH_RECORDED, "colour", repeat('c', 5000)));
        RejectedRecord r = decoder.decode("t", 0, 0, record).rejected;

        assertThat(r.reason).isEqualTo("invalid_field");
        assertThat(r.maskedPayload).hasSizeLessThan(RecordDecoder.MAX_PAYLOAD_CHARS + 40)
                .startsWith("{\"schemaVersion\":1,")
                .endsWith("…(truncated " + (record.length - RecordDecoder.MAX_PAYLOAD_CHARS) + " chars)");
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        byte[] junk = new byte[256];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) i;
        }
        for (int len = 0; len <= junk.length; len += 16) {
            byte[] prefix = Arrays.copyOf(junk, len);
            Ingested in = decoder.decode("t", 0, len, prefix);
            assertThat(in.isAccepted()).isFalse();
            assertThat(in.rejected.reason).isEqualTo("malformed_json");
            assertThat(in.rejected.offset).isEqualTo(len);
        }
    }

    private static void assertRawIdAbsent(RejectedRecord r, String id) {
        assertThat(r.detail).as("detail").doesNotContain(id);
        assertThat(r.field).as("field").doesNotContain(id);
        assertThat(r.eventId).as("eventId").doesNotContain(id);
        assertThat(r.toString()).as("toString").doesNotContain(id);
        assertThat(r.maskedPayload).as("maskedPayload").doesNotContain(id)
                .contains(id.substring(0, 6) + "********" + id.substring(14));
    }
}
