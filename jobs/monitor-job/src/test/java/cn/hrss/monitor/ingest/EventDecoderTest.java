package cn.hrss.monitor.ingest;

import static cn.hrss.monitor.ingest.TestRecords.CITIZEN_ID;
import static cn.hrss.monitor.ingest.TestRecords.FEMALE_CITIZEN_ID;
import static cn.hrss.monitor.ingest.TestRecords.KEY;
import static cn.hrss.monitor.ingest.TestRecords.MAX_FUTURE_MILLIS;
import static cn.hrss.monitor.ingest.TestRecords.NOW;
import static cn.hrss.monitor.ingest.TestRecords.REGION;
import static cn.hrss.monitor.ingest.TestRecords.USCC;
import static cn.hrss.monitor.ingest.TestRecords.json;
import static cn.hrss.monitor.ingest.TestRecords.repeat;
import static cn.hrss.monitor.ingest.TestRecords.utf8;
import static cn.hrss.monitor.ingest.TestRecords.valid;
import static cn.hrss.monitor.ingest.TestRecords.with;
import static cn.hrss.monitor.ingest.TestRecords.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.reference.RegionDirectory;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {

    private final EventDecoder decoder = TestRecords.decoder();

    // ---- accepted records ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(EventType.class)
    void acceptsAValidRecordOfEveryType(EventType type) throws Rejection {
        Event e = decoder.decode(json(valid(type)));

        assertThat(e.type).isEqualTo(type);
        assertThat(e.family()).isEqualTo(type.family);
        assertThat(e.eventId).isEqualTo("evt-" + type.wireName + "-0001");
        assertThat(e.occurredAt).isEqualTo(OffsetDateTime.parse(TestRecords.OCCURRED_AT).toInstant().toEpochMilli());
        assertThat(e.offsetSeconds).isEqualTo(8 * 3600);
        assertThat(e.regionCode).isEqualTo(REGION);
        assertThat(e.source).isEqualTo("test-system");
        if (type.family == EventFamily.CONTRIBUTION) {
            assertThat(e.personPseudonym).isNull();
            assertThat(e.birthYear).isZero();
            assertThat(e.sex).isNull();
        } else {
            assertThat(e.personPseudonym).matches("[0-9a-f]{32}");
            assertThat(e.birthYear).isEqualTo(1990);
            assertThat(e.sex).isEqualTo("M");
        }
    }

    @Test
    void employmentFields() throws Rejection {
        Event e = decoder.decode(json(valid(EventType.EMPLOYMENT_TERMINATED)));
        assertThat(e.employerUscc).isEqualTo(USCC);
        assertThat(e.employmentForm).isEqualTo("unit");
        assertThat(e.employerHeadcount).isEqualTo(120);
        assertThat(e.amountFen).isZero();
        assertThat(e.insuranceType).isNull();
    }

    @Test
    void unemploymentAndInsuredFields() throws Rejection {
        Event u = decoder.decode(json(valid(EventType.UNEMPLOYMENT_DEREGISTERED)));
        assertThat(u.reason).isEqualTo("dismissed");
        assertThat(u.employerUscc).isNull();
        assertThat(u.employerHeadcount).isZero();

        Event i = decoder.decode(json(valid(EventType.INSURED_LEFT)));
        assertThat(i.employerUscc).isEqualTo(USCC);
        assertThat(i.insuranceType).isEqualTo("110");
        assertThat(i.reason).isEqualTo("layoff");
        assertThat(i.employerHeadcount).isEqualTo(800);
    }

    @Test
    void contributionFields() throws Rejection {
        Event e = decoder.decode(json(valid(EventType.CONTRIBUTION_PAID)));
        assertThat(e.employerUscc).isEqualTo(USCC);
        assertThat(e.insuranceType).isEqualTo("210");
        assertThat(e.contributorKind).isEqualTo("employer");
        assertThat(e.feePeriod).isEqualTo(202606);
        assertThat(e.amountFen).isEqualTo(1_234_567L);
        assertThat(e.benefitMonth).isZero();
    }

    @Test
    void contributionMayNameThePerson() throws Rejection {
        Event e = decoder.decode(json(with(EventType.CONTRIBUTION_PAID, "personId", FEMALE_CITIZEN_ID)));
        assertThat(e.personPseudonym).matches("[0-9a-f]{32}");
        assertThat(e.birthYear).isEqualTo(1985);
        assertThat(e.sex).isEqualTo("F");
    }

    @Test
    void benefitFields() throws Rejection {
        Event e = decoder.decode(json(valid(EventType.BENEFIT_PAID)));
        assertThat(e.insuranceType).isEqualTo("110");
        assertThat(e.benefitItem).isEqualTo("pension");
        assertThat(e.benefitMonth).isEqualTo(202607);
        assertThat(e.amountFen).isEqualTo(321_050L);
        assertThat(e.batchId).isEqualTo("B202607-01");
        assertThat(e.feePeriod).isZero();
    }

    @Test
    void deathAndImprisonmentFields() throws Rejection {
        Event d = decoder.decode(json(valid(EventType.DEATH_RECORDED)));
        assertThat(d.recordDate).isEqualTo(20260615);
        assertThat(d.recordSource).isEqualTo("civil_affairs");

        Event i = decoder.decode(json(with(EventType.IMPRISONMENT_RECORDED, "recordSource", "court")));
        assertThat(i.type).isEqualTo(EventType.IMPRISONMENT_RECORDED);
        assertThat(i.recordSource).isEqualTo("court");
    }

    @Test
    void schemaVersionIsOptional() throws Rejection {
        Event e = decoder.decode(json(without(EventType.DEATH_RECORDED, "schemaVersion")));
        assertThat(e.type).isEqualTo(EventType.DEATH_RECORDED);
    }

    @Test
    void fieldOrderDoesNotMatter() throws Rejection {
        Map<String, Object> forward = valid(EventType.BENEFIT_PAID);
        List<String> keys = new ArrayList<>(forward.keySet());
        Collections.reverse(keys);
        Map<String, Object> backward = new LinkedHashMap<>();
        keys.forEach(k -> backward.put(k, forward.get(k)));

        Event a = decoder.decode(json(forward));
        Event b = decoder.decode(json(backward));
        assertThat(b).usingRecursiveComparison().isEqualTo(a);
    }

    @ParameterizedTest
    @CsvSource({
        "0.00, 0",
        "0.01, 1",
        "0.10, 10",
        "10.50, 1050",
        "12345678901234.99, 1234567890123499",
        "99999999999999.99, 9999999999999999"
    })
    void amountIsExactFen(String amount, long fen) throws Rejection {
        Event e = decoder.decode(json(with(EventType.BENEFIT_PAID, "amount", amount)));
        assertThat(e.amountFen).isEqualTo(fen).isEqualTo(new BigDecimal(amount).movePointRight(2).longValueExact());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-07-01T09:30:00+08:00",
        "2026-07-01T01:30:00Z",
        "2026-07-01T01:30:00+00:00",
        "2026-06-30T20:00:00-05:30",
        "2026-07-01T09:30:00.5+08:00",
        "2026-07-01T09:30:00.123+08:00",
        "2026-07-01T01:30:00.123456789Z",
        "2024-02-29T23:59:59.999+08:00",
        "1970-01-01T00:00:00Z"
    })
    void occurredAtBecomesEpochMillisAndKeepsTheOffset(String occurredAt) throws Rejection {
        OffsetDateTime expected = OffsetDateTime.parse(occurredAt);

        Event e = decoder.decode(json(with(EventType.UNEMPLOYMENT_REGISTERED, "occurredAt", occurredAt)));

        assertThat(e.occurredAt).isEqualTo(expected.toInstant().toEpochMilli());
        assertThat(e.offsetSeconds).isEqualTo(expected.getOffset().getTotalSeconds());
    }

    @Test
    void theSameInstantInDifferentOffsetsIsTheSameMillis() throws Rejection {
        Event china = decoder.decode(json(with(EventType.DEATH_RECORDED, "occurredAt", "2026-07-01T08:00:00+08:00")));
        Event utc = decoder.decode(json(with(EventType.DEATH_RECORDED, "occurredAt", "2026-07-01T00:00:00Z")));
        assertThat(china.occurredAt).isEqualTo(utc.occurredAt)
                .isEqualTo(Instant.parse("2026-07-01T00:00:00Z").toEpochMilli());
        assertThat(china.offsetSeconds).isEqualTo(28_800);
        assertThat(utc.offsetSeconds).isZero();
    }

    // ---- the citizen ID ---------------------------------------------------------------------------------------------

    @Test
    void pseudonymIsTheFirst128BitsOfTheKeyedHmac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(
                Arrays.copyOf(mac.doFinal(CITIZEN_ID.getBytes(StandardCharsets.US_ASCII)), 16));

        Event e = decoder.decode(json(valid(EventType.BENEFIT_PAID)));

        assertThat(e.personPseudonym).hasSize(32).matches("[0-9a-f]{32}").isEqualTo(expected);
    }

    @Test
    void sameKeySamePseudonymDifferentKeyDifferentPseudonym() throws Rejection {
        byte[] record = json(valid(EventType.INSURED_ENROLLED));
        String first = decoder.decode(record).personPseudonym;

        assertThat(TestRecords.decoder(KEY.clone()).decode(record).personPseudonym).isEqualTo(first);
        assertThat(decoder.decode(json(valid(EventType.BENEFIT_PAID))).personPseudonym).isEqualTo(first);
        assertThat(TestRecords.decoder(TestRecords.key(8)).decode(record).personPseudonym).isNotEqualTo(first);
        assertThat(decoder.decode(json(with(EventType.INSURED_ENROLLED, "personId", FEMALE_CITIZEN_ID)))
                .personPseudonym).isNotEqualTo(first);
    }

    @ParameterizedTest
    @CsvSource({
        "11010519491231002X, 1949, F",
        "440524188001010014, 1880, M",
        "11010520000229001, 2000, M",
        "11010519991231002, 1999, F"
    })
    void birthYearAndSexAreDerived(String idOrFirst17, int birthYear, String sex) throws Rejection {
        String id = idOrFirst17.length() == 17 ? TestRecords.citizenId(idOrFirst17) : idOrFirst17;
        Event e = decoder.decode(json(with(EventType.UNEMPLOYMENT_REGISTERED, "personId", id)));
        assertThat(e.birthYear).isEqualTo(birthYear);
        assertThat(e.sex).isEqualTo(sex);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rawCitizenIdIsInNoFieldAndNotInToString(EventType type) throws Exception {
        Map<String, Object> record = with(type, "personId", CITIZEN_ID);
        Event e = decoder.decode(json(record));

        assertThat(e.toString()).doesNotContain(CITIZEN_ID).doesNotContain(CITIZEN_ID.substring(6, 14));
        for (Field f : Event.class.getFields()) {
            assertThat(String.valueOf(f.get(e))).as(f.getName())
                    .doesNotContain(CITIZEN_ID)
                    .doesNotContain(CITIZEN_ID.substring(0, 17));
        }
    }

    // ---- rejections -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "{",
        "{\"eventId\":\"e1\",\"type\":\"death.recorded\"",
        "{\"eventId\":}",
        "[1,2,3]",
        "[{\"eventId\":\"e1\"}]",
        "\"death.recorded\"",
        "42",
        "null",
        "not json",
        "{'eventId':'e1'}",
        "{\"eventId\":\"e1\"} x",
        "{\"eventId\":\"e1\"}{}",
        "{\"eventId\":\"e1\"},"
    })
    void malformedJson(String text) {
        assertRejected(utf8(text), RejectReason.MALFORMED_JSON, "");
    }

    @Test
    void malformedJsonForNullAndTruncatedAndBadUtf8() {
        assertRejected(null, RejectReason.MALFORMED_JSON, "");
        byte[] full = json(valid(EventType.BENEFIT_PAID));
        for (int cut = 1; cut < full.length; cut += 7) {
            assertRejected(Arrays.copyOf(full, full.length - cut), RejectReason.MALFORMED_JSON, "");
        }
        byte[] badUtf8 = utf8("{\"eventId\":\"e1\",\"source\":\"\u0000\u0000\"}");
        badUtf8[badUtf8.length - 4] = (byte) 0xC3;
        badUtf8[badUtf8.length - 3] = (byte) 0x28;
        assertRejected(badUtf8, RejectReason.MALFORMED_JSON, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"employment.fired", "EMPLOYMENT.REGISTERED", "employment", "death.recorded ", "x"})
    void unknownType(String type) {
        assertRejected(json(with(EventType.EMPLOYMENT_REGISTERED, "type", type)), RejectReason.UNKNOWN_TYPE, "type");
    }

    static Stream<Arguments> requiredFields() {
        return Stream.of(EventType.values()).flatMap(type -> Stream.concat(
                TestRecords.COMMON_REQUIRED.stream(), TestRecords.FAMILY_REQUIRED.get(type.family).stream())
                .map(field -> Arguments.of(type, field)));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void missingField(EventType type, String field) {
        assertRejected(json(without(type, field)), RejectReason.MISSING_FIELD, field);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of(EventType.DEATH_RECORDED, "eventId", 12345),
                Arguments.of(EventType.DEATH_RECORDED, "eventId", repeat('a', 65)),
                Arguments.of(EventType.DEATH_RECORDED, "eventId", ""),
                Arguments.of(EventType.DEATH_RECORDED, "eventId", "evt 1"),
                Arguments.of(EventType.DEATH_RECORDED, "eventId", "evt/1"),
                Arguments.of(EventType.DEATH_RECORDED, "eventId", "事件1"),
                Arguments.of(EventType.DEATH_RECORDED, "eventId", null),
                Arguments.of(EventType.DEATH_RECORDED, "type", 7),
                Arguments.of(EventType.DEATH_RECORDED, "occurredAt", 1_782_869_400_000L),
                Arguments.of(EventType.DEATH_RECORDED, "regionCode", 110105),
                Arguments.of(EventType.DEATH_RECORDED, "source", repeat('s', 65)),
                Arguments.of(EventType.DEATH_RECORDED, "source", ""),
                Arguments.of(EventType.DEATH_RECORDED, "source", true),
                Arguments.of(EventType.DEATH_RECORDED, "personId", 110105199003071234L),
                Arguments.of(EventType.DEATH_RECORDED, "recordSource", "rumour"),
                Arguments.of(EventType.DEATH_RECORDED, "recordDate", "2026-02-30"),
                Arguments.of(EventType.DEATH_RECORDED, "recordDate", "2026/06/15"),
                Arguments.of(EventType.DEATH_RECORDED, "recordDate", "20260615"),
                Arguments.of(EventType.DEATH_RECORDED, "schemaVersion", 2),
                Arguments.of(EventType.DEATH_RECORDED, "schemaVersion", 0),
                Arguments.of(EventType.DEATH_RECORDED, "schemaVersion", "1"),
                Arguments.of(EventType.DEATH_RECORDED, "schemaVersion", 1.5),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "employmentForm", "part_time"),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "employmentForm", "Unit"),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "employerHeadcount", 0),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "employerHeadcount", -3),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "employerHeadcount", 1.5),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "employerHeadcount", "12"),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "employerHeadcount", 3_000_000_000L),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "employerUscc", 911101),
                Arguments.of(EventType.UNEMPLOYMENT_REGISTERED, "reason", ""),
                Arguments.of(EventType.UNEMPLOYMENT_REGISTERED, "reason", null),
                Arguments.of(EventType.INSURED_LEFT, "insuranceType", "310"),
                Arguments.of(EventType.INSURED_LEFT, "insuranceType", "510"),
                Arguments.of(EventType.INSURED_LEFT, "insuranceType", 110),
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "insuranceType", "999"),
                Arguments.of(EventType.CONTRIBUTION_PAID, "contributorKind", "state"),
                Arguments.of(EventType.CONTRIBUTION_PAID, "feePeriod", "202613"),
                Arguments.of(EventType.CONTRIBUTION_PAID, "feePeriod", "202600"),
                Arguments.of(EventType.CONTRIBUTION_PAID, "feePeriod", "2026-06"),
                Arguments.of(EventType.CONTRIBUTION_PAID, "feePeriod", "20266"),
                Arguments.of(EventType.CONTRIBUTION_PAID, "feePeriod", 202606),
                Arguments.of(EventType.CONTRIBUTION_PAID, "amount", 12.5),
                Arguments.of(EventType.CONTRIBUTION_PAID, "amount", ""),
                Arguments.of(EventType.BENEFIT_PAID, "benefitItem", "bonus"),
                Arguments.of(EventType.BENEFIT_PAID, "benefitMonth", "202613"),
                Arguments.of(EventType.BENEFIT_PAID, "benefitMonth", "2026七月"),
                Arguments.of(EventType.BENEFIT_PAID, "batchId", repeat('b', 65)));
    }

    @ParameterizedTest(name = "{0} with {1}={2}")
    @MethodSource("invalidFields")
    void invalidField(EventType type, String field, Object value) {
        assertRejected(json(with(type, field, value)), RejectReason.INVALID_FIELD, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"colour", "personID", "amountFen", "__proto__"})
    void fieldOutsideTheContractIsInvalid(String extra) {
        assertRejected(json(with(EventType.UNEMPLOYMENT_REGISTERED, extra, "x")), RejectReason.INVALID_FIELD, extra);
    }

    @Test
    void veryLongUnknownFieldNameIsShortenedInTheRejection() {
        String name = repeat('f', 100);
        Rejection r = reject(json(with(EventType.UNEMPLOYMENT_REGISTERED, name, "x")));
        assertThat(r.reason).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(r.field).startsWith(repeat('f', 40)).hasSizeLessThan(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999", "11010", "1101050", "11010a", "000000"})
    void invalidRegionCode(String region) {
        assertRejected(json(with(EventType.DEATH_RECORDED, "regionCode", region)), RejectReason.INVALID_REGION_CODE,
                "regionCode");
    }

    @Test
    void cityProvinceAndNationCodesAreKnownRegions() throws Rejection {
        for (String region : new String[] {"110000", "100000", "110105"}) {
            assertThat(decoder.decode(json(with(EventType.DEATH_RECORDED, "regionCode", region))).regionCode)
                    .isEqualTo(region);
        }
    }

    @Test
    void invalidCitizenId() {
        String body = CITIZEN_ID.substring(0, 17);
        for (char check : "0123456789X".toCharArray()) {
            if (check != CITIZEN_ID.charAt(17)) {
                assertRejected(json(with(EventType.BENEFIT_PAID, "personId", body + check)),
                        RejectReason.INVALID_CITIZEN_ID, "personId");
            }
        }
        for (String id : new String[] {
            "11010519491231002x", "1101051949123100AB", "ABCDEFGHIJKLMNOPQR", "11010519491231002", "110105194912310021X"
        }) {
            assertRejected(json(with(EventType.BENEFIT_PAID, "personId", id)), RejectReason.INVALID_CITIZEN_ID,
                    "personId");
        }
        // Optional on contributions, but checked when present.
        assertRejected(json(with(EventType.CONTRIBUTION_PAID, "personId", body + "Q")), RejectReason.INVALID_CITIZEN_ID,
                "personId");
    }

    @Test
    void invalidUscc() {
        String body = USCC.substring(0, 17);
        char wrong = USCC.charAt(17) == '0' ? '1' : '0';
        for (String code : new String[] {
            body + wrong, USCC.toLowerCase(), "91110105MA01ABCDI" + "0", USCC.substring(0, 17), USCC + "0"
        }) {
            assertRejected(json(with(EventType.INSURED_ENROLLED, "employerUscc", code)), RejectReason.INVALID_USCC,
                    "employerUscc");
        }
        // Optional on unemployment events, but checked when present.
        assertRejected(json(with(EventType.UNEMPLOYMENT_REGISTERED, "employerUscc", body + wrong)),
                RejectReason.INVALID_USCC, "employerUscc");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-1.00", "-0.00", "1.001", "1.5", "1", "1.", ".50", "01.00", "00.00", "123456789012345.00",
        "99999999999999999999.99", "1,00", "1e3.00", "+1.00", " 1.00", "1.00 ", "1.0O", "１.00", "NaN", "0x1.00"
    })
    void invalidAmount(String amount) {
        assertRejected(json(with(EventType.CONTRIBUTION_PAID, "amount", amount)), RejectReason.INVALID_AMOUNT, "amount");
    }

    @Test
    void amountAsAJsonNumberIsAnInvalidFieldNotAnInvalidAmount() {
        // The type check happens while streaming, before the amount rules: a number is "not a string".
        assertRejected(json(with(EventType.BENEFIT_PAID, "amount", new BigDecimal("3210.50"))),
                RejectReason.INVALID_FIELD, "amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-07-01T09:30:00",
        "2026-07-01T09:30:00.123",
        "2026-07-01T09:30:00+0800",
        "2026-07-01T09:30:00+08",
        "2026-07-01T09:30:00 +08:00",
        "2026-07-01T09:30:00z",
        "2026-13-01T09:30:00+08:00",
        "2026-00-01T09:30:00+08:00",
        "2026-02-29T09:30:00+08:00",
        "2026-04-31T09:30:00+08:00",
        "2026-07-01T25:00:00+08:00",
        "2026-07-01T24:00:00+08:00",
        "2026-07-01T09:60:00+08:00",
        "2026-07-01T09:30:60+08:00",
        "2026-07-01 09:30:00+08:00",
        "2026-7-1T09:30:00+08:00",
        "2026-07-01T09:30:00.+08:00",
        "2026-07-01T09:30:00.1234567890+08:00",
        "2026-07-01T09:30:00+19:00",
        "2026-07-01",
        "yesterday"
    })
    void invalidTimestamp(String occurredAt) {
        assertRejected(json(with(EventType.UNEMPLOYMENT_REGISTERED, "occurredAt", occurredAt)),
                RejectReason.INVALID_TIMESTAMP, "occurredAt");
    }

    @Test
    void futureTimestampAgainstTheInjectedClock() throws Rejection {
        String limit = Instant.ofEpochMilli(NOW + MAX_FUTURE_MILLIS).toString();
        String justPast = Instant.ofEpochMilli(NOW + MAX_FUTURE_MILLIS + 1).toString();
        String tomorrow = "2026-07-02T12:00:00+08:00";

        assertThat(decoder.decode(json(with(EventType.DEATH_RECORDED, "occurredAt", limit))).occurredAt)
                .isEqualTo(NOW + MAX_FUTURE_MILLIS);
        assertRejected(json(with(EventType.DEATH_RECORDED, "occurredAt", justPast)), RejectReason.FUTURE_TIMESTAMP,
                "occurredAt");
        assertRejected(json(with(EventType.DEATH_RECORDED, "occurredAt", tomorrow)), RejectReason.FUTURE_TIMESTAMP,
                "occurredAt");

        // The same record is fine for a decoder whose clock has caught up.
        EventDecoder later = new EventDecoder(RegionDirectory.loadDefault(),
                new Pseudonymiser(KEY), MAX_FUTURE_MILLIS, () -> NOW + 86_400_000L);
        assertThat(later.decode(json(with(EventType.DEATH_RECORDED, "occurredAt", tomorrow))).occurredAt)
                .isEqualTo(NOW + 86_400_000L);
    }

    @Test
    void rejectionCarriesTheEventIdOnlyWhenItWasReadBeforeTheProblem() {
        Rejection afterId = reject(json(with(EventType.DEATH_RECORDED, "regionCode", "999999")));
        assertThat(afterId.eventId).isEqualTo("evt-death.recorded-0001");

        Map<String, Object> badFirst = new LinkedHashMap<>();
        badFirst.put("colour", "red");
        badFirst.putAll(valid(EventType.DEATH_RECORDED));
        assertThat(reject(json(badFirst)).eventId).isEmpty();

        assertThat(reject(utf8("{\"eventId\":\"e-7\",")).eventId).isEqualTo("e-7");
    }

    @Test
    void theDecoderIsReusableAfterARejection() throws Rejection {
        reject(json(with(EventType.DEATH_RECORDED, "regionCode", "999999")));
        reject(utf8("{"));
        Event e = decoder.decode(json(with(EventType.DEATH_RECORDED, "occurredAt", "2026-07-01T01:30:00Z")));
        assertThat(e.eventId).isEqualTo("evt-death.recorded-0001");
        assertThat(e.offsetSeconds).isZero();
    }

    // ---- contract rules the decoder must enforce wherever the field appears ------------------------------------------

    @ParameterizedTest(name = "{0} with {1}={2}")
    @MethodSource("contractFieldsOnOtherFamilies")
    void fieldsOutsideTheirFamilyStillFollowTheContract(EventType type, String field, String value, RejectReason reason) {
        // The schema's pattern for amount/feePeriod/benefitMonth/recordDate applies to every record, not per type.
        assertRejected(json(with(type, field, value)), reason, field);
    }

    static Stream<Arguments> contractFieldsOnOtherFamilies() {
        return Stream.of(
                Arguments.of(EventType.EMPLOYMENT_REGISTERED, "amount", "lots", RejectReason.INVALID_AMOUNT),
                Arguments.of(EventType.DEATH_RECORDED, "amount", "-5.00", RejectReason.INVALID_AMOUNT),
                Arguments.of(EventType.UNEMPLOYMENT_REGISTERED, "feePeriod", "202613", RejectReason.INVALID_FIELD),
                Arguments.of(EventType.CONTRIBUTION_PAID, "benefitMonth", "July", RejectReason.INVALID_FIELD),
                Arguments.of(EventType.BENEFIT_PAID, "recordDate", "someday", RejectReason.INVALID_FIELD));
    }

    @Test
    void reasonLongerThanTheContractsLimitIsInvalid() throws Rejection {
        // events.v1.schema.json: reason maxLength 32.
        assertThat(decoder.decode(json(with(EventType.UNEMPLOYMENT_REGISTERED, "reason", repeat('r', 32)))).reason)
                .hasSize(32);
        assertRejected(json(with(EventType.UNEMPLOYMENT_REGISTERED, "reason", repeat('r', 33))),
                RejectReason.INVALID_FIELD, "reason");
    }

    @Test
    void usccRegistrationAuthorityPartMustBeDigits() {
        // GB 32100: characters 3-8 are the administrative division code; the schema pattern requires digits there.
        String lettersInRegionPart = TestRecords.uscc("91ABCDEFMA01ABCD1");
        assertThat(IdentifierChecks.isValidUscc(lettersInRegionPart)).isFalse();
        assertRejected(json(with(EventType.INSURED_ENROLLED, "employerUscc", lettersInRegionPart)),
                RejectReason.INVALID_USCC, "employerUscc");
    }

    @Test
    void schemaVersionBeyondIntRangeIsAnInvalidFieldNotMalformedJson() {
        assertRejected(json(with(EventType.DEATH_RECORDED, "schemaVersion", 4_294_967_297L)),
                RejectReason.INVALID_FIELD, "schemaVersion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12026-06-15", "-2026-06-15", "+214749-06-15"})
    void recordDateYearHasFourDigits(String recordDate) {
        assertRejected(json(with(EventType.DEATH_RECORDED, "recordDate", recordDate)), RejectReason.INVALID_FIELD,
                "recordDate");
    }

    @Test
    void fractionOfSecondTakesAsciiDigitsOnly() {
        // Arabic-Indic digits are Character.isDigit but not [0-9]: the contract pattern rejects them.
        assertRejected(json(with(EventType.DEATH_RECORDED, "occurredAt", "2026-07-01T01:30:00.\u0661\u0662Z")),
                RejectReason.INVALID_TIMESTAMP, "occurredAt");
    }

    // ---- found by FuzzEndToEndTest ------------------------------------------------------------------------------------

    /** Jackson throws NumberFormatException (not an IOException) for these; it used to escape the Kafka source. */
    @ParameterizedTest
    @ValueSource(strings = {"1E2147483648", "1e-2147483649", "-1E2147483648"})
    void integerWithAnExponentBeyondIntIsAnInvalidField(String number) {
        for (String field : List.of("employerHeadcount", "schemaVersion")) {
            String record = new String(json(with(EventType.DEATH_RECORDED, field, "@")), StandardCharsets.UTF_8);
            assertRejected(utf8(record.replace("\"@\"", number)), RejectReason.INVALID_FIELD, field);
        }
    }

    /** Before the first watermark such an event was accepted, and the DateTime and UInt64 columns of events cannot hold it. */
    @ParameterizedTest
    @ValueSource(strings = {"1969-12-31T23:59:59Z", "1970-01-01T07:59:59+08:00", "0000-01-01T00:00:00+08:00"})
    void occurredAtBefore1970IsAnInvalidTimestamp(String occurredAt) {
        assertRejected(json(with(EventType.DEATH_RECORDED, "occurredAt", occurredAt)), RejectReason.INVALID_TIMESTAMP,
                "occurredAt");
    }

    /** Last-wins parsing would accept a record whose meaning depends on the reader. */
    @Test
    void aFieldThatAppearsTwiceMakesTheRecordMalformed() {
        String record = new String(json(valid(EventType.DEATH_RECORDED)), StandardCharsets.UTF_8);
        assertRejected(utf8(record.replaceFirst("\\}$", ",\"regionCode\":\"" + REGION + "\"}")),
                RejectReason.MALFORMED_JSON, "regionCode");
        assertRejected(utf8(record.replaceFirst("\\}$", ",\"source\":\"other\"}")), RejectReason.MALFORMED_JSON,
                "source");
    }

    /** Jackson alone accepts all of these: overlong forms, code points above U+10FFFF, UTF-16 and UTF-32. */
    @ParameterizedTest
    @ValueSource(strings = {"C0AF", "E080AF", "F08080AF", "C1BF", "F4908080", "F5808080", "EDA080", "FF", "80"})
    void textThatIsNotStrictUtf8IsMalformed(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] ok = json(with(EventType.DEATH_RECORDED, "source", "@"));
        int at = new String(ok, StandardCharsets.ISO_8859_1).indexOf('@');
        byte[] record = new byte[ok.length - 1 + bad.length];
        System.arraycopy(ok, 0, record, 0, at);
        System.arraycopy(bad, 0, record, at, bad.length);
        System.arraycopy(ok, at + 1, record, at + bad.length, ok.length - at - 1);
        assertRejected(record, RejectReason.MALFORMED_JSON, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32"})
    void aRecordInAnotherUnicodeEncodingIsMalformed(String charset) {
        String record = new String(json(valid(EventType.DEATH_RECORDED)), StandardCharsets.UTF_8);
        assertRejected(record.getBytes(java.nio.charset.Charset.forName(charset)), RejectReason.MALFORMED_JSON, "");
    }

    /** RFC 8259 lets a reader ignore a byte order mark; non-ASCII text, escaped or not, is fine. */
    @Test
    void aByteOrderMarkAndWellFormedUnicodeAreAccepted() throws Rejection {
        byte[] record = json(with(EventType.DEATH_RECORDED, "source", "社保\u200b\u202e😀\u0000"));
        byte[] withBom = new byte[record.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(record, 0, withBom, 3, record.length);

        assertThat(decoder.decode(withBom).source).isEqualTo("社保\u200b\u202e😀\u0000");
    }

    /** An escaped half of a surrogate pair is valid JSON but not text any UTF-8 store can hold. */
    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "x\\udc00", "\\ud83d x", "\\ude00\\ud83d"})
    void anUnpairedSurrogateEscapeIsAnInvalidField(String escaped) {
        String record = new String(json(with(EventType.DEATH_RECORDED, "source", "@")), StandardCharsets.UTF_8);
        assertRejected(utf8(record.replace("\"@\"", "\"" + escaped + "\"")), RejectReason.INVALID_FIELD, "source");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private Rejection reject(byte[] record) {
        try {
            Event e = decoder.decode(record);
            return fail("expected a rejection, but the record was accepted: " + e);
        } catch (Rejection r) {
            return r;
        }
    }

    private void assertRejected(byte[] record, RejectReason reason, String field) {
        Rejection r = reject(record);
        assertThat(r.reason).as("reason (detail: %s)", r.getMessage()).isEqualTo(reason);
        assertThat(r.field).as("field (detail: %s)", r.getMessage()).isEqualTo(field);
        assertThat(r.getMessage()).as("detail").isNotBlank();
    }
}
