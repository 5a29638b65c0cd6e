package cn.hrss.monitor.ingest;

import static cn.hrss.monitor.ingest.TestRecords.CITIZEN_ID;
import static cn.hrss.monitor.ingest.TestRecords.NOW;
import static cn.hrss.monitor.ingest.TestRecords.USCC;
import static cn.hrss.monitor.ingest.TestRecords.json;
import static cn.hrss.monitor.ingest.TestRecords.repeat;
import static cn.hrss.monitor.ingest.TestRecords.valid;
import static cn.hrss.monitor.ingest.TestRecords.with;
import static cn.hrss.monitor.ingest.TestRecords.without;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.events.EventType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the hand-written decoder and the published contract in step: over a corpus of valid and mutated records, every
 * structural verdict (what JSON Schema can express) must be the same, and nothing the decoder accepts may violate the
 * schema. Rules the schema cannot express (region existence, check characters, calendar validity, clock) are listed
 * separately and must be rejected by the decoder alone.
 */
class EventDecoderSchemaAgreementTest {
    private static final Path SCHEMA_FILE = Path.of("../../conf/contract/events.v1.schema.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    /** A corpus record; {@code decoderOnly} is the reason the decoder alone must give, or null if schema-checkable. */
    record Case(String name, byte[] json, RejectReason decoderOnly) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(SCHEMA_FILE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structuralCases")
    void decoderAndSchemaGiveTheSameVerdict(Case c) {
        Set<ValidationMessage> schemaErrors = schemaErrors(c.json);
        String decoderVerdict = decoderVerdict(c.json);

        assertThat(decoderVerdict.equals("accepted"))
                .as("decoder says %s, schema says %s", decoderVerdict, schemaErrors.isEmpty() ? "valid" : schemaErrors)
                .isEqualTo(schemaErrors.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoderOnlyCases")
    void rulesBeyondTheSchemaAreEnforcedByTheDecoder(Case c) {
        assertThat(decoderVerdict(c.json)).startsWith(c.decoderOnly.code);
        // Nothing the decoder accepts may violate the schema (checked here for this half of the corpus too).
        assertThat(schemaErrors(c.json)).as("a decoder-only rule should not be the schema's business").isEmpty();
    }

    @Test
    void everyAcceptedRecordValidatesAgainstTheSchema() {
        List<String> violations = new ArrayList<>();
        int accepted = 0;
        for (Case c : Stream.concat(structuralCases(), decoderOnlyCases()).toList()) {
            if (decoderVerdict(c.json).equals("accepted")) {
                accepted++;
                Set<ValidationMessage> errors = schemaErrors(c.json);
                if (!errors.isEmpty()) {
                    violations.add(c.name + ": " + errors);
                }
            }
        }
        assertThat(accepted).as("the corpus has valid records of every type").isGreaterThanOrEqualTo(30);
        assertThat(violations).isEmpty();
    }

    @Test
    void corpusIsLargeAndMostlyRejected() {
        List<Case> all = Stream.concat(structuralCases(), decoderOnlyCases()).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(200);
        assertThat(all.stream().filter(c -> !decoderVerdict(c.json).equals("accepted")).count())
                .isGreaterThan(all.size() / 2);
    }

    // ---- the corpus -------------------------------------------------------------------------------------------------

    static Stream<Case> structuralCases() {
        List<Case> cases = new ArrayList<>();
        for (EventType type : EventType.values()) {
            cases.add(new Case(type.wireName + " valid", json(valid(type)), null));
            cases.add(new Case(type.wireName + " without schemaVersion", json(without(type, "schemaVersion")), null));
            cases.add(new Case(type.wireName + " with every optional field", json(withOptionals(type)), null));
            cases.add(mutated(type, "extra", 1));
            cases.add(mutated(type, "PersonId", CITIZEN_ID));
            for (String field : requiredFields(type)) {
                cases.add(new Case(type.wireName + " without " + field, json(without(type, field)), null));
            }
        }
        EventType[] sample = {EventType.EMPLOYMENT_REGISTERED, EventType.CONTRIBUTION_PAID, EventType.DEATH_RECORDED};
        for (EventType type : sample) {
            for (Object v : new Object[] {123, "", "evt 1", "evt/1", repeat('e', 65), repeat('e', 64), null, "a.b_c:d-E"}) {
                cases.add(mutated(type, "eventId", v));
            }
            for (Object v : new Object[] {"unknown.type", "Death.Recorded", 5, null}) {
                cases.add(mutated(type, "type", v));
            }
            for (Object v : new Object[] {
                "2026-07-01T09:30:00", "2026-07-01 09:30:00+08:00", 1_782_869_400_000L, "2026-07-01T09:30:00+0800",
                "2026-07-01T09:30:00.1234567890Z", "2026-7-01T09:30:00+08:00", "2026-06-30T09:30:00.123456789-05:30",
                "2026-07-01T01:30:00Z", "2026-07-01T01:30:00.\u0661Z"
            }) {
                cases.add(mutated(type, "occurredAt", v));
            }
            for (Object v : new Object[] {"11010", "11010a", 110105, "1101050", "100000"}) {
                cases.add(mutated(type, "regionCode", v));
            }
            for (Object v : new Object[] {"", repeat('s', 65), repeat('s', 64), 1, "人社局业务系统"}) {
                cases.add(mutated(type, "source", v));
            }
            for (Object v : new Object[] {2, "1", 0, 1.5, 1.0, true}) {
                cases.add(mutated(type, "schemaVersion", v));
            }
            // Optional fields with bad values, on a type that does not otherwise use them.
            cases.add(mutated(type, "employerHeadcount", 0));
            cases.add(mutated(type, "employerHeadcount", 2.5));
            cases.add(mutated(type, "insuranceType", "310"));
        }
        for (Object v : new Object[] {"11010519491231002x", CITIZEN_ID.substring(0, 17), "1101051949123100AB", 4405241880L,
            CITIZEN_ID + "0", ""}) {
            cases.add(mutated(EventType.BENEFIT_PAID, "personId", v));
        }
        for (Object v : new Object[] {USCC.toLowerCase(), "91110105MA01ABCDI0", USCC.substring(0, 17), 91110105,
            TestRecords.uscc("91ABCDEFMA01ABCD1")}) {
            cases.add(mutated(EventType.INSURED_LEFT, "employerUscc", v));
        }
        for (Object v : new Object[] {-1, 1.5, 5.0, "12", 1, 600}) {
            cases.add(mutated(EventType.INSURED_LEFT, "employerHeadcount", v));
        }
        for (Object v : new Object[] {"other", "UNIT", 1}) {
            cases.add(mutated(EventType.EMPLOYMENT_TERMINATED, "employmentForm", v));
        }
        for (Object v : new Object[] {"self_employed", "flexible"}) {
            cases.add(mutated(EventType.EMPLOYMENT_TERMINATED, "employmentForm", v));
        }
        for (Object v : new Object[] {"state", "individual", "flexible"}) {
            cases.add(mutated(EventType.CONTRIBUTION_PAID, "contributorKind", v));
        }
        for (Object v : new Object[] {"bonus", "unemployment_benefit", "injury_benefit"}) {
            cases.add(mutated(EventType.BENEFIT_PAID, "benefitItem", v));
        }
        for (Object v : new Object[] {"rumour", "police", "health", "court"}) {
            cases.add(mutated(EventType.IMPRISONMENT_RECORDED, "recordSource", v));
        }
        for (Object v : new Object[] {"310", "510", 110, "120", "170", "410"}) {
            cases.add(mutated(EventType.BENEFIT_PAID, "insuranceType", v));
        }
        for (Object v : new Object[] {"", repeat('r', 32), repeat('r', 33), 7}) {
            cases.add(mutated(EventType.UNEMPLOYMENT_DEREGISTERED, "reason", v));
        }
        for (Object v : new Object[] {"2026-06", "202613", "202600", 202606, "000001", "202612"}) {
            cases.add(mutated(EventType.CONTRIBUTION_PAID, "feePeriod", v));
            cases.add(mutated(EventType.BENEFIT_PAID, "benefitMonth", v));
        }
        for (Object v : new Object[] {"", repeat('b', 65)}) {
            cases.add(mutated(EventType.BENEFIT_PAID, "batchId", v));
        }
        for (Object v : new Object[] {"1.5", "01.00", "-1.00", "1.001", 12.5, "123456789012345.00", "0.00", "0.01",
            "99999999999999.99", "+1.00"}) {
            cases.add(mutated(EventType.CONTRIBUTION_PAID, "amount", v));
        }
        for (Object v : new Object[] {"2026/06/15", "20260615", 20260615, "+12026-06-15", "2026-6-15", "2024-02-29"}) {
            cases.add(mutated(EventType.DEATH_RECORDED, "recordDate", v));
        }
        // Fields of another family: allowed by the schema, and their patterns still apply.
        cases.add(mutated(EventType.EMPLOYMENT_REGISTERED, "amount", "1.00"));
        cases.add(mutated(EventType.EMPLOYMENT_REGISTERED, "amount", "lots"));
        cases.add(mutated(EventType.UNEMPLOYMENT_REGISTERED, "feePeriod", "202606"));
        cases.add(mutated(EventType.UNEMPLOYMENT_REGISTERED, "feePeriod", "202613"));
        cases.add(mutated(EventType.INSURED_ENROLLED, "benefitMonth", "July"));
        cases.add(mutated(EventType.BENEFIT_PAID, "recordDate", "someday"));
        cases.add(mutated(EventType.DEATH_RECORDED, "batchId", repeat('b', 65)));
        cases.add(mutated(EventType.DEATH_RECORDED, "contributorKind", "state"));
        return cases.stream();
    }

    static Stream<Case> decoderOnlyCases() {
        String wrongCheck = CITIZEN_ID.substring(0, 17) + (CITIZEN_ID.charAt(17) == '0' ? '1' : '0');
        String wrongUscc = USCC.substring(0, 17) + (USCC.charAt(17) == '0' ? '1' : '0');
        String future = Instant.ofEpochMilli(NOW + TestRecords.MAX_FUTURE_MILLIS + 1000).toString();
        return Stream.of(
                decoderOnly(EventType.DEATH_RECORDED, "regionCode", "999999", RejectReason.INVALID_REGION_CODE),
                decoderOnly(EventType.BENEFIT_PAID, "regionCode", "000000", RejectReason.INVALID_REGION_CODE),
                decoderOnly(EventType.BENEFIT_PAID, "personId", wrongCheck, RejectReason.INVALID_CITIZEN_ID),
                decoderOnly(EventType.CONTRIBUTION_PAID, "personId", wrongCheck, RejectReason.INVALID_CITIZEN_ID),
                decoderOnly(EventType.EMPLOYMENT_REGISTERED, "employerUscc", wrongUscc, RejectReason.INVALID_USCC),
                decoderOnly(EventType.UNEMPLOYMENT_REGISTERED, "employerUscc", wrongUscc, RejectReason.INVALID_USCC),
                decoderOnly(EventType.INSURED_ENROLLED, "occurredAt", future, RejectReason.FUTURE_TIMESTAMP),
                decoderOnly(EventType.INSURED_ENROLLED, "occurredAt", "2026-02-30T09:30:00+08:00",
                        RejectReason.INVALID_TIMESTAMP),
                decoderOnly(EventType.INSURED_ENROLLED, "occurredAt", "2026-07-01T25:00:00+08:00",
                        RejectReason.INVALID_TIMESTAMP),
                decoderOnly(EventType.INSURED_ENROLLED, "occurredAt", "2026-07-01T09:30:00+19:00",
                        RejectReason.INVALID_TIMESTAMP),
                decoderOnly(EventType.DEATH_RECORDED, "recordDate", "2026-02-30", RejectReason.INVALID_FIELD),
                decoderOnly(EventType.DEATH_RECORDED, "recordDate", "2026-13-01", RejectReason.INVALID_FIELD));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static Case mutated(EventType type, String field, Object value) {
        return new Case(type.wireName + " with " + field + "=" + describe(value), json(with(type, field, value)), null);
    }

    private static Case decoderOnly(EventType type, String field, Object value, RejectReason reason) {
        return new Case(type.wireName + " with " + field + "=" + describe(value), json(with(type, field, value)), reason);
    }

    private static String describe(Object value) {
        String s = value instanceof String str ? '"' + str + '"' : String.valueOf(value);
        return s.length() > 24 ? s.substring(0, 20) + "…(" + s.length() + ")" : s;
    }

    private static List<String> requiredFields(EventType type) {
        return Stream.concat(TestRecords.COMMON_REQUIRED.stream(), TestRecords.FAMILY_REQUIRED.get(type.family).stream())
                .toList();
    }

    /** Every field the schema allows on any record, with valid values. */
    private static Map<String, Object> withOptionals(EventType type) {
        Map<String, Object> r = valid(type);
        r.putIfAbsent("employerUscc", USCC);
        r.putIfAbsent("employerHeadcount", 3);
        r.putIfAbsent("insuranceType", "410");
        if (type.family == EventFamily.CONTRIBUTION) {
            r.put("personId", CITIZEN_ID);
        }
        return r;
    }

    private static String decoderVerdict(byte[] record) {
        try {
            TestRecords.decoder().decode(record);
            return "accepted";
        } catch (Rejection r) {
            return r.reason.code + " " + r.field + " (" + r.getMessage() + ")";
        }
    }

    private static Set<ValidationMessage> schemaErrors(byte[] record) {
        try {
            return schema.validate(MAPPER.readTree(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
