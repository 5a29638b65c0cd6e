package cn.hrss.monitor.simulator;

import cn.hrss.monitor.simulator.wire.Expectation;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: generate a stream and read records back. */
public final class Streams {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Streams() {}

    public static List<SimulatedRecord> generate(EventGenerator generator, int count) {
        List<SimulatedRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generator.next());
        }
        return out;
    }

    /** Generates until the simulated clock passes {@code until}. */
    public static List<SimulatedRecord> generateUntil(EventGenerator generator, Instant until) {
        List<SimulatedRecord> out = new ArrayList<>();
        while (generator.simulatedNow().isBefore(until)) {
            out.add(generator.next());
        }
        return out;
    }

    /** The VALID records, parsed. */
    public static List<JsonNode> valid(List<SimulatedRecord> records) {
        return records.stream().filter(r -> r.expectation() == Expectation.VALID).map(r -> parse(r.json())).toList();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(JsonNode event, String field) {
        JsonNode v = event.get(field);
        return v == null ? null : v.asText();
    }

    public static OffsetDateTime occurredAt(JsonNode event) {
        return OffsetDateTime.parse(event.get("occurredAt").asText());
    }

    public static LocalDate localDate(JsonNode event) {
        return occurredAt(event).toLocalDate();
    }

    public static boolean isType(JsonNode event, String type) {
        return type.equals(event.get("type").asText());
    }

    /** Fen from a contract amount string ("1234.56"). */
    public static long fen(JsonNode event) {
        return Math.round(Double.parseDouble(event.get("amount").asText()) * 100);
    }
}
