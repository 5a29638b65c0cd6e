package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.reference.RegionDirectory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Turns one raw record into a validated, pseudonymised {@link Event} or a {@link Rejection}, enforcing contract v1
 * ({@code conf/contract/events.v1.schema.json}; {@code EventDecoderSchemaAgreementTest} keeps the two in step).
 * Streams the JSON once with Jackson's parser: no tree, no per-record regex. The raw citizen ID lives only in a
 * local variable here; it is never stored, logged or put into a rejection detail.
 */
public final class EventDecoder {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> EMPLOYMENT_FORMS = Set.of("unit", "self_employed", "flexible");
    private static final Set<String> CONTRIBUTOR_KINDS = Set.of("employer", "individual", "flexible");
    private static final Set<String> BENEFIT_ITEMS = Set.of("pension", "unemployment_benefit", "injury_benefit");
    private static final Set<String> RECORD_SOURCES = Set.of("police", "civil_affairs", "health", "court");
    private static final int MAX_TEXT = 64;
    private static final int MAX_REASON = 32;

    private final RegionDirectory regions;
    private final Pseudonymiser pseudonymiser;
    private final long maxFutureMillis;
    private final LongSupplier clock;
    private final int[] offsetHolder = new int[1];

    public EventDecoder(RegionDirectory regions, Pseudonymiser pseudonymiser, long maxFutureMillis, LongSupplier clock) {
        this.regions = regions;
        this.pseudonymiser = pseudonymiser;
        this.maxFutureMillis = maxFutureMillis;
        this.clock = clock;
    }

    /** @throws Rejection with the first problem found */
    Event decode(byte[] json) throws Rejection {
        Event e = new Event();
        try {
            decodeInto(e, json);
            return e;
        } catch (Rejection r) {
            if (e.eventId != null) {
                r.eventId = e.eventId;
            }
            throw r;
        }
    }

    private void decodeInto(Event e, byte[] json) throws Rejection {
        if (json == null || json.length == 0) {
            throw new Rejection(RejectReason.MALFORMED_JSON, "", "empty record");
        }
        if (!Utf8Text.isJsonText(json)) {
            throw new Rejection(RejectReason.MALFORMED_JSON, "", "a record must be UTF-8 text");
        }
        String personId = null;
        String typeName = null;
        String occurredAt = null;
        String amount = null;
        String feePeriod = null;
        String benefitMonth = null;
        String recordDate = null;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Rejection(RejectReason.MALFORMED_JSON, "", "a record must be one JSON object");
            }
            JsonToken t;
            // Last-wins would let a record say two things at once (and other readers may take the first): refused.
            Set<String> seen = new HashSet<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) {
                    throw new Rejection(RejectReason.MALFORMED_JSON, truncate(name), "a field appears twice");
                }
                p.nextToken();
                switch (name) {
                    case "schemaVersion" -> {
                        if (integer(p, name) != 1) {
                            throw new Rejection(RejectReason.INVALID_FIELD, name, "only schemaVersion 1 is supported");
                        }
                    }
                    case "eventId" -> e.eventId = eventId(p);
                    case "type" -> typeName = text(p, name);
                    case "occurredAt" -> occurredAt = text(p, name);
                    case "regionCode" -> e.regionCode = text(p, name);
                    case "source" -> e.source = text(p, name);
                    case "insuranceType" -> e.insuranceType = text(p, name);
                    case "personId" -> personId = text(p, name);
                    case "employerUscc" -> e.employerUscc = text(p, name);
                    case "employerHeadcount" -> e.employerHeadcount = positiveInt(p, name);
                    case "employmentForm" -> e.employmentForm = oneOf(p, name, EMPLOYMENT_FORMS);
                    case "contributorKind" -> e.contributorKind = oneOf(p, name, CONTRIBUTOR_KINDS);
                    case "reason" -> e.reason = reason(p);
                    case "feePeriod" -> feePeriod = text(p, name);
                    case "benefitItem" -> e.benefitItem = oneOf(p, name, BENEFIT_ITEMS);
                    case "benefitMonth" -> benefitMonth = text(p, name);
                    case "batchId" -> e.batchId = text(p, name);
                    case "amount" -> amount = text(p, name);
                    case "recordDate" -> recordDate = text(p, name);
                    case "recordSource" -> e.recordSource = oneOf(p, name, RECORD_SOURCES);
                    default -> throw new Rejection(
                            RejectReason.INVALID_FIELD, truncate(name), "field is not in contract v1");
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new Rejection(RejectReason.MALFORMED_JSON, "", "trailing content after the JSON object");
            }
        } catch (IOException ex) {
            throw new Rejection(RejectReason.MALFORMED_JSON, "", "not valid JSON");
        }

        require(e.eventId, "eventId");
        require(typeName, "type");
        e.type = EventType.fromWireName(typeName);
        if (e.type == null) {
            throw new Rejection(RejectReason.UNKNOWN_TYPE, "type", "type is not an event type of contract v1");
        }
        e.occurredAt = timestamp(require(occurredAt, "occurredAt"));
        e.offsetSeconds = offsetHolder[0];
        if (!regions.isKnown(require(e.regionCode, "regionCode"))) {
            throw new Rejection(RejectReason.INVALID_REGION_CODE, "regionCode", "not a known GB/T 2260 region code");
        }
        require(e.source, "source");
        // Fields are checked wherever they appear; which ones a type requires is checked next.
        if (amount != null) {
            e.amountFen = amountFen(amount);
        }
        if (feePeriod != null) {
            e.feePeriod = yearMonth(feePeriod, "feePeriod");
        }
        if (benefitMonth != null) {
            e.benefitMonth = yearMonth(benefitMonth, "benefitMonth");
        }
        if (recordDate != null) {
            e.recordDate = date(recordDate);
        }
        if (e.employerUscc != null) {
            uscc(e.employerUscc);
        }
        if (e.insuranceType != null) {
            insuranceType(e.insuranceType);
        }
        checkRequiredFields(e, personId, amount, feePeriod, benefitMonth, recordDate);
        if (personId != null) {
            if (!IdentifierChecks.isValidCitizenId(personId)) {
                throw new Rejection(RejectReason.INVALID_CITIZEN_ID, "personId", "citizen ID fails its check character");
            }
            e.personPseudonym = pseudonymiser.pseudonym(personId);
            e.birthYear = (personId.charAt(6) - '0') * 1000 + (personId.charAt(7) - '0') * 100
                    + (personId.charAt(8) - '0') * 10 + (personId.charAt(9) - '0');
            e.sex = (personId.charAt(16) - '0') % 2 == 1 ? "M" : "F";
        }
    }

    private static void checkRequiredFields(
            Event e, String personId, String amount, String feePeriod, String benefitMonth, String recordDate)
            throws Rejection {
        EventFamily family = e.type.family;
        switch (family) {
            case EMPLOYMENT -> {
                require(personId, "personId");
                uscc(e.employerUscc);
                require(e.employmentForm, "employmentForm");
            }
            case UNEMPLOYMENT -> {
                require(personId, "personId");
                require(e.reason, "reason");
            }
            case INSURED -> {
                require(personId, "personId");
                uscc(e.employerUscc);
                insuranceType(e.insuranceType);
                require(e.reason, "reason");
            }
            case CONTRIBUTION -> {
                uscc(e.employerUscc);
                insuranceType(e.insuranceType);
                require(e.contributorKind, "contributorKind");
                require(feePeriod, "feePeriod");
                require(amount, "amount");
            }
            case BENEFIT -> {
                require(personId, "personId");
                insuranceType(e.insuranceType);
                require(e.benefitItem, "benefitItem");
                require(benefitMonth, "benefitMonth");
                require(amount, "amount");
                require(e.batchId, "batchId");
            }
            case DEATH -> {
                require(personId, "personId");
                require(recordDate, "recordDate");
                require(e.recordSource, "recordSource");
            }
        }
    }

    private long timestamp(String value) throws Rejection {
        long millis;
        try {
            millis = IsoTimestamps.parseMillis(value, offsetHolder);
        } catch (DateTimeException ex) {
            throw new Rejection(RejectReason.INVALID_TIMESTAMP, "occurredAt", ex.getMessage());
        }
        // occurred_at is a ClickHouse DateTime (and occurred_at_ms unsigned): nothing before 1970 can be stored, and
        // before the first watermark such an event would not even be too late.
        if (millis < 0) {
            throw new Rejection(RejectReason.INVALID_TIMESTAMP, "occurredAt", "occurredAt is before 1970");
        }
        if (millis > clock.getAsLong() + maxFutureMillis) {
            throw new Rejection(RejectReason.FUTURE_TIMESTAMP, "occurredAt", "occurredAt is implausibly far in the future");
        }
        return millis;
    }

    /** Exactly two decimals, non-negative, at most 14 integer digits: fen as a long, no floating point. */
    private static long amountFen(String s) throws Rejection {
        int n = s.length();
        if (n > 0 && s.charAt(0) == '-') {
            throw new Rejection(RejectReason.INVALID_AMOUNT, "amount", "amount must not be negative");
        }
        if (n < 4 || n > 17 || s.charAt(n - 3) != '.' || (s.charAt(0) == '0' && n > 4)) {
            throw new Rejection(RejectReason.INVALID_AMOUNT, "amount", "amount must be yuan with exactly two decimals");
        }
        long fen = 0;
        for (int i = 0; i < n; i++) {
            if (i == n - 3) {
                continue;
            }
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Rejection(RejectReason.INVALID_AMOUNT, "amount", "amount must be a decimal number");
            }
            fen = fen * 10 + (c - '0');
        }
        return fen;
    }

    private static int yearMonth(String s, String field) throws Rejection {
        if (s.length() == 6) {
            int v = 0;
            for (int i = 0; i < 6; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    v = -1;
                    break;
                }
                v = v * 10 + (c - '0');
            }
            int month = v % 100;
            if (v > 0 && month >= 1 && month <= 12) {
                return v;
            }
        }
        throw new Rejection(RejectReason.INVALID_FIELD, field, field + " must be YYYYMM");
    }

    private static int date(String s) throws Rejection {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw new Rejection(RejectReason.INVALID_FIELD, "recordDate", "recordDate must be YYYY-MM-DD");
        }
        try {
            LocalDate d = LocalDate.parse(s);
            return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
        } catch (DateTimeException ex) {
            throw new Rejection(RejectReason.INVALID_FIELD, "recordDate", "recordDate must be YYYY-MM-DD");
        }
    }

    private static void uscc(String value) throws Rejection {
        if (!IdentifierChecks.isValidUscc(require(value, "employerUscc"))) {
            throw new Rejection(RejectReason.INVALID_USCC, "employerUscc", "USCC fails its format or check character");
        }
    }

    private static void insuranceType(String value) throws Rejection {
        if (InsuranceType.fromCode(require(value, "insuranceType")) == null) {
            throw new Rejection(RejectReason.INVALID_FIELD, "insuranceType", "insurance type not in scope (AAE140)");
        }
    }

    private static <T> T require(T value, String field) throws Rejection {
        if (value == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, field, field + " is required");
        }
        return value;
    }

    private static String eventId(JsonParser p) throws IOException, Rejection {
        String id = text(p, "eventId");
        if (id.isEmpty() || id.length() > MAX_TEXT) {
            throw new Rejection(RejectReason.INVALID_FIELD, "eventId", "eventId must have 1 to 64 characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                throw new Rejection(RejectReason.INVALID_FIELD, "eventId", "eventId has characters outside [A-Za-z0-9._:-]");
            }
        }
        return id;
    }

    private static String text(JsonParser p, String field) throws IOException, Rejection {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new Rejection(RejectReason.INVALID_FIELD, field, field + " must be a string");
        }
        String s = p.getText();
        if (s.isEmpty() || s.length() > MAX_TEXT) {
            throw new Rejection(RejectReason.INVALID_FIELD, field, field + " must have 1 to 64 characters");
        }
        // A \ud800 escape decodes to half a character, which no UTF-8 writer (ClickHouse, Kafka) can store.
        if (Utf8Text.hasLoneSurrogate(s)) {
            throw new Rejection(RejectReason.INVALID_FIELD, field, field + " has an unpaired UTF-16 surrogate escape");
        }
        return s;
    }

    private static String oneOf(JsonParser p, String field, Set<String> allowed) throws IOException, Rejection {
        String s = text(p, field);
        if (!allowed.contains(s)) {
            throw new Rejection(RejectReason.INVALID_FIELD, field, field + " must be one of " + allowed);
        }
        return s;
    }

    private static int positiveInt(JsonParser p, String field) throws IOException, Rejection {
        int v = integer(p, field);
        if (v < 1) {
            throw new Rejection(RejectReason.INVALID_FIELD, field, field + " must be a positive integer");
        }
        return v;
    }

    /** A JSON integer in int range; 5.0 counts as 5, as it does in JSON Schema. */
    private static int integer(JsonParser p, String field) throws IOException, Rejection {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                return p.getDecimalValue().intValueExact();
            } catch (ArithmeticException | NumberFormatException notAnInt) {
                // Reported below. Jackson throws NumberFormatException for an exponent beyond int (1E2147483648).
            }
        }
        throw new Rejection(RejectReason.INVALID_FIELD, field, field + " must be an integer");
    }

    private static String reason(JsonParser p) throws IOException, Rejection {
        String s = text(p, "reason");
        if (s.length() > MAX_REASON) {
            throw new Rejection(RejectReason.INVALID_FIELD, "reason", "reason must have 1 to 32 characters");
        }
        return s;
    }

    private static String truncate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
