package cn.hrss.monitor.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventRowBinaryTest {
    /** Reads a row back the way ClickHouse reads RowBinary. */
    private static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] row) {
            in = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
        }

        String string() {
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.get() & 0xFF;
                length |= (b & 0x7F) << shift;
                if (b < 0x80) {
                    break;
                }
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        int int16() {
            return in.getShort() & 0xFFFF;
        }

        int int32() {
            return in.getInt();
        }

        long int64() {
            return in.getLong();
        }

        boolean atEnd() {
            return !in.hasRemaining();
        }
    }

    private static Reader encode(Event e) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EventRowBinary().append(e, out);
        return new Reader(out.toByteArray());
    }

    @Test
    void everyColumnIsWrittenInTheNamedOrderWithUnixSecondsFenAndEmptyStringsForAbsentFields() throws Exception {
        Event e = new Event();
        e.eventId = "ev-1";
        e.type = EventType.CONTRIBUTION_PAID;
        e.occurredAt = 1_700_000_000_123L;
        e.offsetSeconds = 28_800;
        e.regionCode = "110105";
        e.source = "社保核心";
        e.insuranceType = "110";
        e.birthYear = 1985;
        e.employerUscc = "91110000600037341L";
        e.employerHeadcount = 250;
        e.contributorKind = "employer";
        e.feePeriod = 202311;
        e.amountFen = 123_456_789L;
        e.kafkaTopic = "hrss.contribution";
        e.kafkaPartition = 2;
        e.kafkaOffset = 5_000_000_000L;

        Reader r = encode(e);

        assertThat(new EventRowBinary().columns()).hasSize(27).startsWith("event_id", "type", "family");
        assertThat(r.string()).isEqualTo("ev-1");
        assertThat(r.string()).isEqualTo("contribution.paid");
        assertThat(r.string()).isEqualTo("contribution");
        assertThat(r.int32()).isEqualTo(1_700_000_000);
        assertThat(r.int64()).isEqualTo(1_700_000_000_123L);
        assertThat(r.int32()).isEqualTo(28_800);
        assertThat(r.string()).isEqualTo("110105");
        assertThat(r.string()).isEqualTo("社保核心");
        assertThat(r.string()).isEqualTo("110");
        assertThat(r.string()).isEmpty(); // person_pseudonym
        assertThat(r.int16()).isEqualTo(1985);
        assertThat(r.string()).isEmpty(); // sex
        assertThat(r.string()).isEqualTo("91110000600037341L");
        assertThat(r.int32()).isEqualTo(250);
        assertThat(r.string()).isEmpty(); // employment_form
        assertThat(r.string()).isEqualTo("employer");
        assertThat(r.string()).isEmpty(); // reason
        assertThat(r.int32()).isEqualTo(202311);
        assertThat(r.string()).isEmpty(); // benefit_item
        assertThat(r.int32()).isZero(); // benefit_month
        assertThat(r.string()).isEmpty(); // batch_id
        assertThat(r.int64()).isEqualTo(123_456_789L); // amount: Decimal(18, 2) unscaled, i.e. fen
        assertThat(r.int32()).isZero(); // record_date
        assertThat(r.string()).isEmpty(); // record_source
        assertThat(r.string()).isEqualTo("hrss.contribution");
        assertThat(r.int32()).isEqualTo(2);
        assertThat(r.int64()).isEqualTo(5_000_000_000L);
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void longStringsHaveAMultiByteLength() throws Exception {
        Event e = new Event();
        e.eventId = "x".repeat(200);
        e.type = EventType.DEATH_RECORDED;

        assertThat(encode(e).string()).isEqualTo("x".repeat(200));
    }
}
