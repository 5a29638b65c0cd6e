package cn.hrss.monitor.warnings.rules;

import cn.hrss.monitor.warnings.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the YAML tree of one rule file into a {@link RuleDefinition}, reporting fields of the wrong shape (not a
 * number, unknown severity, bad duration, unknown field). What the values mean is checked by {@link RuleValidator},
 * which also runs on rules read from the rules topic.
 */
final class RuleReader {
    /** Top-level fields of a rule file, in the order alerts/README.md describes them. */
    static final List<String> FIELDS = List.of("id", "version", "kind", "name", "title", "summary", "description",
            "scope", "params", "bands", "hold", "humanReview", "runbook", "labels");
    private static final List<String> BAND_FIELDS = List.of("severity", "below", "atLeast", "insuranceType");

    private RuleReader() {}

    static RuleDefinition read(JsonNode root, Problems p) {
        RuleDefinition r = new RuleDefinition();
        r.id = text(root, "id", p);
        if (r.id != null) {
            p.rule(r.id);
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                p.add(field.getKey(), "unknown field; expected one of " + String.join(", ", FIELDS));
            }
        }
        readVersion(root.get("version"), r, p);
        String kind = text(root, "kind", p);
        if (kind != null) {
            r.kind = RuleKind.fromId(kind);
            if (r.kind == null) {
                p.add("kind", "unknown kind '" + kind + "'; expected one of "
                        + String.join(", ", Arrays.stream(RuleKind.values()).map(k -> k.id).toList()));
            }
        }
        r.name = text(root, "name", p);
        r.titleTemplate = text(root, "title", p);
        r.summaryTemplate = text(root, "summary", p);
        r.description = text(root, "description", p);
        r.scope = text(root, "scope", p);
        r.params = scalars(root, "params", p);
        readBands(root.get("bands"), r, p);
        readHold(root, r, p);
        JsonNode review = root.get("humanReview");
        if (review != null && !review.isBoolean()) {
            p.add("humanReview", "must be true or false, got " + shown(review));
        }
        r.humanReview = review != null && review.asBoolean();
        r.runbook = text(root, "runbook", p);
        r.labels = scalars(root, "labels", p);
        return r;
    }

    private static void readVersion(JsonNode v, RuleDefinition r, Problems p) {
        if (v == null) {
            p.add("version", "missing");
        } else if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            p.add("version", "must be a whole number, got " + shown(v));
        } else {
            r.version = v.intValue();
        }
    }

    private static void readHold(JsonNode root, RuleDefinition r, Problems p) {
        String hold = text(root, "hold", p);
        if (hold == null) {
            if (!p.reported("hold")) {
                p.add("hold", "missing (how long the condition must stay clear before the alert resolves, e.g. 1d)");
            }
            return;
        }
        try {
            r.holdMillis = RuleDurations.parse(hold).toMillis();
        } catch (IllegalArgumentException e) {
            p.add("hold", e.getMessage());
        }
    }

    private static void readBands(JsonNode bands, RuleDefinition r, Problems p) {
        if (bands == null) {
            return; // the validator says bands are missing
        }
        if (!bands.isArray()) {
            p.add("bands", "must be a list of {severity, below, atLeast, insuranceType}");
            return;
        }
        for (int i = 0; i < bands.size(); i++) {
            String at = "bands[" + i + "]";
            JsonNode b = bands.get(i);
            if (!b.isObject()) {
                p.add(at, "must be a mapping like {severity: yellow, below: 9}, got " + shown(b));
                continue;
            }
            for (Map.Entry<String, JsonNode> field : b.properties()) {
                if (!BAND_FIELDS.contains(field.getKey())) {
                    p.add(at + "." + field.getKey(),
                            "unknown field; expected one of " + String.join(", ", BAND_FIELDS));
                }
            }
            SeverityBand band = new SeverityBand();
            String severity = text(b, "severity", p, at + ".severity");
            if (severity != null) {
                band.severity = Severity.fromId(severity);
                if (band.severity == null) {
                    p.add(at + ".severity", "unknown severity '" + severity + "'; expected one of "
                            + String.join(", ", Arrays.stream(Severity.values()).map(s -> s.id).toList()));
                }
            }
            band.below = number(b, "below", at, p);
            band.atLeast = number(b, "atLeast", at, p);
            String insurance = text(b, "insuranceType", p, at + ".insuranceType");
            band.insuranceType = insurance == null ? "" : insurance;
            r.bands.add(band);
        }
    }

    private static Double number(JsonNode band, String field, String at, Problems p) {
        JsonNode n = band.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            p.add(at + "." + field, "must be a number, got " + shown(n));
            return null;
        }
        return n.doubleValue();
    }

    private static String text(JsonNode node, String field, Problems p) {
        return text(node, field, p, field);
    }

    /** @return the scalar's text, or null if absent or not a scalar (reported) */
    private static String text(JsonNode node, String field, Problems p, String path) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            p.add(path, "must be a single value, got " + shown(n));
            return null;
        }
        return n.asText();
    }

    /** Reads a mapping of scalars (params, labels) as text; numbers keep the digits written. */
    private static Map<String, String> scalars(JsonNode root, String field, Problems p) {
        Map<String, String> values = new HashMap<>();
        JsonNode m = root.get(field);
        if (m == null || m.isNull()) {
            return values;
        }
        if (!m.isObject()) {
            p.add(field, "must be a mapping of names to values, got " + shown(m));
            return values;
        }
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            String path = field + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                p.add(path, "has no value");
            } else if (!v.isValueNode()) {
                p.add(path, "must be a single value, got " + shown(v));
            } else {
                values.put(e.getKey(), v.asText());
            }
        }
        return values;
    }

    /** How a wrong value is quoted in a message: text in single quotes, anything else as YAML would show it. */
    static String shown(JsonNode n) {
        return n.isTextual() ? "'" + n.asText() + "'" : n.toString();
    }
}
