package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.reference.RegionDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid contract-v1 records of every type, built as mutable maps so tests can break them one field at a time. */
final class TestRecords {
    static final String REGION = "110105";
    /** Born 1990, odd sequence digit: male. Built with the production check-character helper, verified elsewhere. */
    static final String CITIZEN_ID = citizenId("11010519900307123");
    /** Born 1985, even sequence digit: female. */
    static final String FEMALE_CITIZEN_ID = citizenId("11010519851120002");
    /** A valid ID whose first six characters are not the record's region code, so masking is visible. */
    static final String OTHER_REGION_CITIZEN_ID = "440524188001010014";
    static final String USCC = uscc("91110105MA01ABCD1");
    static final String OCCURRED_AT = "2026-07-01T09:30:00+08:00";
    static final long NOW = OffsetDateTime.parse("2026-07-01T12:00:00+08:00").toInstant().toEpochMilli();
    static final long MAX_FUTURE_MILLIS = Duration.ofMinutes(10).toMillis();
    static final byte[] KEY = key(7);

    /** Required fields per family, as in the schema's allOf/then clauses. */
    static final List<String> COMMON_REQUIRED = List.of("eventId", "type", "occurredAt", "regionCode", "source");
    static final Map<EventFamily, List<String>> FAMILY_REQUIRED = Map.of(
            EventFamily.EMPLOYMENT, List.of("personId", "employerUscc", "employmentForm"),
            EventFamily.UNEMPLOYMENT, List.of("personId", "reason"),
            EventFamily.INSURED, List.of("personId", "employerUscc", "insuranceType", "reason"),
            EventFamily.CONTRIBUTION, List.of("employerUscc", "insuranceType", "contributorKind", "feePeriod", "amount"),
            EventFamily.BENEFIT,
                    List.of("personId", "insuranceType", "benefitItem", "benefitMonth", "amount", "batchId"),
            EventFamily.DEATH, List.of("personId", "recordDate", "recordSource"));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestRecords() {}

    static String citizenId(String first17) {
        return first17 + IdentifierChecks.citizenIdCheckChar(first17);
    }

    static String uscc(String first17) {
        return first17 + IdentifierChecks.usccCheckChar(first17);
    }

    /** A deterministic 32-byte key; different seeds give different keys. */
    static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return key;
    }

    static EventDecoder decoder() {
        return decoder(KEY);
    }

    static EventDecoder decoder(byte[] key) {
        return new EventDecoder(RegionDirectory.loadDefault(), new Pseudonymiser(key), MAX_FUTURE_MILLIS, () -> NOW);
    }

    /** A valid record of the type with every field its family requires (and a few optional ones). */
    static Map<String, Object> valid(EventType type) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schemaVersion", 1);
        r.put("eventId", "evt-" + type.wireName + "-0001");
        r.put("type", type.wireName);
        r.put("occurredAt", OCCURRED_AT);
        r.put("regionCode", REGION);
        r.put("source", "test-system");
        switch (type.family) {
            case EMPLOYMENT -> {
                r.put("personId", CITIZEN_ID);
                r.put("employerUscc", USCC);
                r.put("employmentForm", "unit");
                r.put("employerHeadcount", 120);
            }
            case UNEMPLOYMENT -> {
                r.put("personId", CITIZEN_ID);
                r.put("reason", "dismissed");
            }
            case INSURED -> {
                r.put("personId", CITIZEN_ID);
                r.put("employerUscc", USCC);
                r.put("insuranceType", "110");
                r.put("reason", "layoff");
                r.put("employerHeadcount", 800);
            }
            case CONTRIBUTION -> {
                r.put("employerUscc", USCC);
                r.put("insuranceType", "210");
                r.put("contributorKind", "employer");
                r.put("feePeriod", "202606");
                r.put("amount", "12345.67");
            }
            case BENEFIT -> {
                r.put("personId", CITIZEN_ID);
                r.put("insuranceType", "110");
                r.put("benefitItem", "pension");
                r.put("benefitMonth", "202607");
                r.put("amount", "3210.50");
                r.put("batchId", "B202607-01");
            }
            case DEATH -> {
                r.put("personId", CITIZEN_ID);
                r.put("recordDate", "2026-06-15");
                r.put("recordSource", "civil_affairs");
            }
        }
        return r;
    }

    /** {@link #valid} with one field set (a {@code null} value is written as JSON null). */
    static Map<String, Object> with(EventType type, String field, Object value) {
        Map<String, Object> r = valid(type);
        r.put(field, value);
        return r;
    }

    static Map<String, Object> without(EventType type, String field) {
        Map<String, Object> r = valid(type);
        r.remove(field);
        return r;
    }

    static byte[] json(Map<String, Object> record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }
}
