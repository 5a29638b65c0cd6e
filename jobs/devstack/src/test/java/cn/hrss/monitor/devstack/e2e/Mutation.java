package cn.hrss.monitor.devstack.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The ways {@link FuzzInput} damages a valid simulated record, at the level of bytes and JSON, each with the outcomes
 * ingestion may give it ({@link #ACCEPTED} or a rejection reason). The simulator's own {@code MalformedKind}s (unknown
 * type, missing field, unknown region, check characters, amounts, unparseable and 2099 timestamps) are sent as the
 * simulator makes them and not repeated here.
 */
enum Mutation {
    TRUNCATED_JSON(120, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            byte[] full = bytes(r);
            return java.util.Arrays.copyOf(full, rng.nextInt(full.length));
        }
    },
    TRAILING_CONTENT(20, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return concat(bytes(r), utf8(pick(rng, "}", "{}", " x", ",", "\n" + r)));
        }
    },
    NOT_AN_OBJECT(20, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return utf8(pick(rng, "[]", "\"text\"", "42", "null", "true", "[" + r + "]", "   \n\t"));
        }
    },
    EMPTY_VALUE(10, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return new byte[0];
        }
    },
    /** A Kafka tombstone. */
    NULL_VALUE(10, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return null;
        }
    },
    /** Random bytes whose first byte is a UTF-8 continuation byte, which no text starts with. */
    BINARY_GARBAGE(20, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            byte[] garbage = new byte[1 + rng.nextInt(4000)];
            rng.nextBytes(garbage);
            garbage[0] = (byte) (0x80 + rng.nextInt(0x40));
            return garbage;
        }
    },
    DUPLICATE_KEY(30, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            List<String> fields = fieldNames(r);
            String field = fields.get(rng.nextInt(fields.size()));
            String json = r.toString();
            return utf8(json.substring(0, json.length() - 1) + ",\"" + field + "\":" + r.get(field) + "}");
        }
    },
    /** 100,000 nested arrays as the whole record: must not overflow the task's stack. */
    DEEPLY_NESTED_RECORD(3, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return utf8("[".repeat(DEEP) + "]".repeat(DEEP));
        }
    },
    DEEPLY_NESTED_VALUE(3, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            String nested = rng.nextBoolean() ? "[".repeat(DEEP) + "]".repeat(DEEP)
                    : "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP);
            return withRawValue(r, randomField(r, rng), utf8(nested));
        }
    },
    STRING_AS_NUMBER(30, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, randomStringField(r, rng),
                    utf8(pick(rng, "0", "-0", "110105", "1e309", "-1e309", "12.345", "1E2147483648", "3")));
        }
    },
    STRING_AS_ARRAY_OR_OBJECT(30, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            String field = randomStringField(r, rng);
            String value = r.get(field).toString();
            return withRawValue(r, field, utf8(pick(rng, "[" + value + "]", "{\"value\":" + value + "}", "[]", "{}")));
        }
    },
    FIELD_AS_NULL_OR_BOOLEAN(30, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, randomField(r, rng), utf8(pick(rng, "null", "true", "false")));
        }
    },
    /** employerHeadcount is optional on every type and must be a positive JSON integer (5.0 counts as 5). */
    HEADCOUNT_NOT_A_POSITIVE_INTEGER(30, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "employerHeadcount", utf8(pick(rng, "0", "-0", "-0.0", "-5", "12.5", "1e309",
                    "1e-309", "1E2147483648", "1e-2147483649", "2147483648", "99999999999999999999", "\"120\"")));
        }
    },
    HEADCOUNT_INTEGRAL_DECIMAL(10, Mutation.ACCEPTED) {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "employerHeadcount", utf8(pick(rng, "120.0", "1.2e2", "1.20E+2")));
        }
    },
    SCHEMA_VERSION_ONE(10, Mutation.ACCEPTED) {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "schemaVersion", utf8(pick(rng, "1", "1.0", "1e0")));
        }
    },
    SCHEMA_VERSION_OTHER(10, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "schemaVersion", utf8(pick(rng, "2", "0", "-0", "\"1\"", "1.5", "1e309")));
        }
    },
    /** amount is checked wherever it appears, also on types that do not require it. */
    AMOUNT_NOT_TWO_DECIMALS(30, "invalid_amount") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("amount", pick(rng, "12.345", "-0.00", "1e3", "00.50", ".50", "1,234.00", "１２.００", "NaN",
                    "Infinity", "12.3", "999999999999999.99", " 12.00", "12.00 ", "0x10.00", "+1.00"));
            return bytes(r);
        }
    },
    AMOUNT_AS_NUMBER(10, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "amount", utf8(pick(rng, "12.34", "1234", "-0", "1e309", "12.345")));
        }
    },
    /** 1 MB, under the broker's default message.max.bytes (1 MiB plus batch overhead); rare, as such records are. */
    HUGE_FIELD_VALUE(1, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put(randomStringField(r, rng), "x".repeat(1_000_000));
            return bytes(r);
        }
    },
    LONG_FIELD_VALUE(20, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put(randomStringField(r, rng), pick(rng, "社", "a", "😀", "\u200b").repeat(65 + rng.nextInt(50_000)));
            return bytes(r);
        }
    },
    LONG_EVENT_ID(20, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("eventId", "e".repeat(65 + rng.nextInt(20_000)));
            return bytes(r);
        }
    },
    UNKNOWN_FIELD(30, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            String name = pick(rng, "personName", "remark", "", "EventId", "event_id", "k".repeat(40_000));
            r.put(name, "x");
            return bytes(r);
        }
    },
    INSURANCE_TYPE_OUT_OF_SCOPE(20, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("insuranceType", pick(rng, "310", "510", "999", "11", "1100", "１１０", "110 "));
            return bytes(r);
        }
    },
    REGION_CODE_MALFORMED(20, "invalid_region_code") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("regionCode", pick(rng, "000000", "11010", "1101050", "１１０１０５", "11010a", "110105\u200b", "-11010"));
            return bytes(r);
        }
    },
    CITIZEN_ID_MALFORMED(20, "invalid_citizen_id") {
        @Override
        boolean appliesTo(ObjectNode r) {
            return r.has("personId");
        }

        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            String id = r.get("personId").asText();
            r.put("personId", pick(rng, id.substring(0, 15), id.substring(0, 17) + "x", id.substring(0, 17) + "Y",
                    "A" + id.substring(1), id.substring(0, 17) + "１", id + "0"));
            return bytes(r);
        }
    },
    /** employerUscc is checked wherever it appears. */
    USCC_MALFORMED(20, "invalid_uscc") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("employerUscc", pick(rng, "91110105MA01ABCDI3", "91110105MA01ABCDO3", "91110105ma01abcd13",
                    "9111010SMA01ABCD13", "91110105MA01ABCD1", "91110105MA01ABCD131", "ＩＩ110105MA01ABCD13"));
            return bytes(r);
        }
    },
    UNPAIRED_SURROGATE_ESCAPE(20, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "source", utf8(pick(rng, "\"\\ud800\"", "\"a\\udc00\"", "\"\\ud83d x\"",
                    "\"\\ude00\\ud83d\"")));
        }
    },
    INVALID_UTF8(20, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "source", concat(utf8("\"a"), hex(pick(rng, "FF", "C328", "80", "E4B8", "FE", "F8")),
                    utf8("b\"")));
        }
    },
    /** Overlong forms, encoded surrogates and code points above U+10FFFF, which Jackson alone would accept. */
    NON_SHORTEST_OR_OUT_OF_RANGE_UTF8(30, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "source", concat(utf8("\"a"),
                    hex(pick(rng, "C0AF", "C1BF", "E080AF", "F08080AF", "EDA080", "F4908080", "F5808080")), utf8("\"")));
        }
    },
    RAW_CONTROL_CHARACTER(10, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return withRawValue(r, "source", concat(utf8("\"a"), hex(pick(rng, "00", "01", "0A", "1F")), utf8("\"")));
        }
    },
    /** The contract is UTF-8 only; Jackson would detect these encodings and accept them. */
    UTF16_OR_UTF32(20, "malformed_json") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return r.toString().getBytes(Charset.forName(pick(rng, "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32")));
        }
    },
    /** RFC 8259 lets a reader ignore a UTF-8 byte order mark. */
    UTF8_BYTE_ORDER_MARK(20, Mutation.ACCEPTED) {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return concat(hex("EFBBBF"), bytes(r));
        }
    },
    /** Zero-width, right-to-left, NUL (escaped), emoji, combining and line-separator characters in free text. */
    UNUSUAL_UNICODE_TEXT(40, Mutation.ACCEPTED) {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("source", pick(rng, "社保\u200b中心", "\u202e逆序\u202c", "nul\u0000inside", "😀系统😀", "\ufeffbom",
                    "e\u0301", "line\u2028sep", "\u0000", "𠀀𪚥"));
            return bytes(r);
        }
    },
    UNUSUAL_UNICODE_IN_EVENT_ID(20, "invalid_field") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            String id = r.get("eventId").asText();
            r.put("eventId", id + pick(rng, "😀", "\u200b", "\u202e", "\u0000", " ", "ｅ", "é", "/"));
            return bytes(r);
        }
    },
    /** Every character of the values written as a \\u escape: the same record once decoded. */
    ESCAPED_ASCII(20, Mutation.ACCEPTED) {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            String json = r.toString();
            for (String field : List.of("eventId", "type", "regionCode")) {
                String value = r.get(field).asText();
                StringBuilder escaped = new StringBuilder();
                value.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
                json = json.replace("\"" + field + "\":\"" + value + "\"", "\"" + field + "\":\"" + escaped + "\"");
            }
            return utf8(json);
        }
    },
    FAR_FUTURE_TIMESTAMP(20, "future_timestamp") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("occurredAt", pick(rng, "9999-12-31T23:59:59+08:00", "2100-01-01T00:00:00Z", "2999-02-28T12:00:00-18:00",
                    "2030-01-01T00:00:00.999999999+14:00"));
            return bytes(r);
        }
    },
    /** Before 1970 no DateTime column can hold it: rejected whatever the watermark. */
    TIMESTAMP_BEFORE_1970(10, "invalid_timestamp") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("occurredAt", pick(rng, "0000-01-01T00:00:00+08:00", "0001-01-01T00:00:00Z", "1900-01-01T08:00:00+08:00",
                    "1969-12-31T23:59:59Z"));
            return bytes(r);
        }
    },
    /**
     * Years behind the stream: too late once the watermark exists; before the first watermark (the start of a
     * partition) nothing is late yet, so such a record is accepted, as in production.
     */
    ANCIENT_TIMESTAMP(10, "too_late", Mutation.ACCEPTED) {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("occurredAt", pick(rng, "1970-01-01T00:00:00Z", "1999-12-31T23:59:59+08:00", "2000-02-29T12:00:00+08:00",
                    "2026-01-01T00:00:00+08:00"));
            return bytes(r);
        }
    },
    IMPOSSIBLE_TIMESTAMP(20, "invalid_timestamp") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            String t = r.get("occurredAt").asText();
            r.put("occurredAt", pick(rng, "2026-02-30T10:00:00+08:00", "2026-13-01T10:00:00+08:00",
                    "2026-07-29T24:00:00+08:00", "2026-07-29T12:00:60+08:00", t.substring(0, 19) + "+19:00",
                    t.substring(0, 19) + ".1234567890+08:00", t.substring(0, 19), t.replace('T', 't'), " " + t,
                    t.substring(0, 19) + "+0800", "１" + t.substring(1)));
            return bytes(r);
        }
    },
    /** The same event id again, the record reformatted: producers retry, money must not double. */
    RESENT_REFORMATTED(30, "duplicate_event") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            List<String> fields = fieldNames(r);
            Collections.reverse(fields);
            ObjectNode reordered = MAPPER.createObjectNode();
            fields.forEach(f -> reordered.set(f, r.get(f)));
            try {
                return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(reordered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    /** The same event id with other content: still the same event. */
    RESENT_CHANGED(20, "duplicate_event") {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            r.put("source", "resent-" + rng.nextInt(1000));
            return bytes(r);
        }
    },
    NULL_KEY(20, Mutation.ACCEPTED) {
        @Override
        byte[] apply(ObjectNode r, SplittableRandom rng) {
            return bytes(r);
        }
    };

    /** The outcome of a record that ingestion accepts. */
    static final String ACCEPTED = "accepted";
    private static final int DEEP = 100_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RAW_VALUE_MARK = "\"@raw-value@\"";

    final int weight;
    final Set<String> outcomes;

    Mutation(int weight, String... outcomes) {
        this.weight = weight;
        this.outcomes = Set.of(outcomes);
    }

    /** @return the damaged record's value, {@code null} for a Kafka tombstone; may change {@code r} */
    abstract byte[] apply(ObjectNode r, SplittableRandom rng);

    boolean appliesTo(ObjectNode r) {
        return true;
    }

    /** The copy keeps the original's event id (a resend), instead of a fresh one. */
    boolean keepsEventId() {
        return this == RESENT_REFORMATTED || this == RESENT_CHANGED;
    }

    boolean sentWithoutKey() {
        return this == NULL_KEY;
    }

    private static byte[] bytes(ObjectNode r) {
        return utf8(r.toString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom rng, T... choices) {
        return choices[rng.nextInt(choices.length)];
    }

    private static List<String> fieldNames(ObjectNode r) {
        List<String> names = new ArrayList<>();
        r.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String randomField(ObjectNode r, SplittableRandom rng) {
        List<String> names = fieldNames(r);
        return names.get(rng.nextInt(names.size()));
    }

    private static String randomStringField(ObjectNode r, SplittableRandom rng) {
        List<String> names = fieldNames(r);
        names.removeIf(n -> !r.get(n).isTextual());
        return names.get(rng.nextInt(names.size()));
    }

    /** {@code r} as JSON with {@code field}'s value (added if absent) replaced by the raw bytes {@code value}. */
    private static byte[] withRawValue(ObjectNode r, String field, byte[] value) {
        r.put(field, RAW_VALUE_MARK.substring(1, RAW_VALUE_MARK.length() - 1));
        String json = r.toString();
        int at = json.indexOf(RAW_VALUE_MARK);
        byte[] before = utf8(json.substring(0, at));
        byte[] after = utf8(json.substring(at + RAW_VALUE_MARK.length()));
        return concat(before, value, after);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
