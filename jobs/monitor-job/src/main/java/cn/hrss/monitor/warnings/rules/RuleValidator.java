package cn.hrss.monitor.warnings.rules;

import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.warnings.rules.RuleCatalogSchema.ParamType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what a rule's values mean against {@link RuleCatalogSchema}: id, version, Chinese name, template
 * placeholders, scope, parameters (present, typed, none unknown), bands, hold, human review, runbook path, routing
 * labels. Runs on rules from YAML files and on rules read back from the rules topic.
 */
final class RuleValidator {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{1,62}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    private static final Pattern RUNBOOK = Pattern.compile("alerts/runbooks/[A-Za-z0-9_.-]+\\.md");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Labels every alert sets from itself (alert lifecycle); a rule may not set them. */
    private static final List<String> RESERVED_LABELS =
            List.of("alertname", "severity", "region", "insurance_type", "alert_id");

    private RuleValidator() {}

    static void validate(RuleDefinition r, Problems p) {
        if (r.id == null) {
            required(p, "id");
        } else if (!ID.matcher(r.id).matches()) {
            p.add("id", "must be 2-63 lower-case letters, digits or underscores starting with a letter, got '"
                    + r.id + "'");
        }
        if (r.version < 1 && !p.reported("version")) {
            p.add("version", "must be at least 1, got " + r.version);
        }
        if (r.kind == null) {
            required(p, "kind");
        }
        if (present(r.name, p, "name") && !CHINESE.matcher(r.name).find()) {
            p.add("name", "must be the rule's Chinese name (中文名称), got '" + r.name + "'");
        }
        checkTemplate(r, r.titleTemplate, "title", p);
        checkTemplate(r, r.summaryTemplate, "summary", p);
        present(r.description, p, "description");
        checkScope(r, p);
        if (r.kind != null) {
            checkParams(r, p);
        }
        checkBands(r, p);
        if (r.holdMillis < 0) {
            p.add("hold", "must not be negative");
        }
        if (r.kind != null && RuleCatalogSchema.requiresHumanReview(r.kind) && !r.humanReview
                && !p.reported("humanReview")) {
            p.add("humanReview", "must be true for kind " + r.kind.id
                    + ": a fraud suspicion opens a case for a person to review, it never acts by itself");
        }
        if (present(r.runbook, p, "runbook") && !RUNBOOK.matcher(r.runbook).matches()) {
            p.add("runbook", "must be a path like alerts/runbooks/<rule id>.md, got '" + r.runbook + "'");
        }
        checkLabels(r.labels == null ? Map.of() : r.labels, p);
    }

    private static void required(Problems p, String field) {
        if (!p.reported(field)) {
            p.add(field, "missing");
        }
    }

    /** @return true if the text is there (else reports it missing) */
    private static boolean present(String value, Problems p, String field) {
        if (value == null || value.isBlank()) {
            required(p, field);
            return false;
        }
        return true;
    }

    private static void checkTemplate(RuleDefinition r, String template, String field, Problems p) {
        if (!present(template, p, field) || r.kind == null) {
            return;
        }
        List<String> allowed = RuleCatalogSchema.placeholders(r.kind);
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                p.add(field, "unknown placeholder {" + m.group(1) + "}; kind " + r.kind.id + " knows {"
                        + String.join("}, {", allowed) + "}");
            }
        }
        String rest = PLACEHOLDER.matcher(template).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            p.add(field, "a brace that is not part of a {placeholder}: '" + template + "'");
        }
    }

    private static void checkScope(RuleDefinition r, Problems p) {
        if (!present(r.scope, p, "scope") || r.kind == null) {
            return;
        }
        List<String> allowed = RuleCatalogSchema.scopes(r.kind);
        for (String s : r.scope.split(",", -1)) {
            if (!allowed.contains(s.trim())) {
                p.add("scope", "'" + s.trim() + "' is not a scope of kind " + r.kind.id + "; expected "
                        + String.join(" or ", allowed));
            }
        }
        String scopeBy = r.params == null ? null : r.params.get("scopeBy");
        if (r.kind == RuleKind.DATA_ABSENCE && scopeBy != null && !scopeBy.equals(r.scope)) {
            p.add("scope", "must equal params.scopeBy ('" + scopeBy + "'), got '" + r.scope + "'");
        }
    }

    private static void checkParams(RuleDefinition r, Problems p) {
        Map<String, ParamType> schema = RuleCatalogSchema.params(r.kind);
        Map<String, String> params = r.params == null ? Map.of() : r.params;
        for (Map.Entry<String, ParamType> e : schema.entrySet()) {
            String name = e.getKey();
            String value = params.get(name);
            String field = "params." + name;
            if (value == null) {
                if (!p.reported(field)) {
                    p.add(field, "missing (" + e.getValue().name().toLowerCase() + ")");
                }
            } else {
                String problem = typeProblem(name, e.getValue(), value);
                if (problem != null) {
                    p.add(field, problem);
                }
            }
        }
        for (String name : new TreeSet<>(params.keySet())) {
            if (!schema.containsKey(name)) {
                p.add("params." + name, "unknown parameter for kind " + r.kind.id + "; expected "
                        + String.join(", ", schema.keySet()));
            }
        }
    }

    /** @return what is wrong with the value for the parameter's type, or null */
    private static String typeProblem(String name, ParamType type, String value) {
        switch (type) {
            case NUMBER -> {
                try {
                    if (Double.isFinite(Double.parseDouble(value))) {
                        return null;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                return "must be a number, got '" + value + "'";
            }
            case INTEGER -> {
                try {
                    Integer.parseInt(value);
                    return null;
                } catch (NumberFormatException e) {
                    return "must be a whole number, got '" + value + "'";
                }
            }
            case DURATION -> {
                try {
                    return RuleDurations.parse(value).isNegative() ? "must not be negative" : null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            default -> {
                return textProblem(name, value);
            }
        }
    }

    private static String textProblem(String name, String value) {
        if (value.isBlank()) {
            return "must not be empty";
        }
        Set<String> allowed = RuleCatalogSchema.allowedTextValues(name);
        if (allowed == null) {
            return null;
        }
        List<String> items = RuleCatalogSchema.isListParam(name)
                ? Arrays.stream(value.split(",", -1)).map(String::trim).toList() : List.of(value);
        List<String> unknown = items.stream().filter(i -> !allowed.contains(i)).toList();
        return unknown.isEmpty() ? null : "'" + String.join("', '", unknown) + "' not allowed; expected "
                + (RuleCatalogSchema.isListParam(name) ? "a comma-separated list of " : "one of ")
                + String.join(", ", allowed);
    }

    private static void checkBands(RuleDefinition r, Problems p) {
        if (r.bands == null || r.bands.isEmpty()) {
            if (!p.reported("bands")) {
                p.add("bands", "at least one band is required (the severity when the condition holds)");
            }
            return;
        }
        for (int i = 0; i < r.bands.size(); i++) {
            SeverityBand b = r.bands.get(i);
            String at = "bands[" + i + "]";
            if (b.severity == null) {
                required(p, at + ".severity");
            }
            if (b.below != null && b.atLeast != null && b.below <= b.atLeast) {
                p.add(at, "below (" + b.below + ") must be greater than atLeast (" + b.atLeast
                        + "): no value could match");
            }
            String insurance = b.insuranceType == null ? "" : b.insuranceType;
            if (!insurance.isEmpty() && InsuranceType.fromCode(insurance) == null) {
                p.add(at + ".insuranceType", "'" + insurance + "' is not an insurance type in scope; expected one of "
                        + String.join(", ", Arrays.stream(InsuranceType.values()).map(t -> t.code).toList()));
            }
        }
    }

    private static void checkLabels(Map<String, String> labels, Problems p) {
        if (!labels.containsKey("team") && !p.reported("labels")) {
            p.add("labels.team", "missing (routing sends the alert to this team)");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            String field = "labels." + e.getKey();
            if (!LABEL.matcher(e.getKey()).matches()) {
                p.add(field, "a label name is letters, digits and underscores, not starting with a digit");
            } else if (RESERVED_LABELS.contains(e.getKey())) {
                p.add(field, "reserved: every alert sets it itself (" + String.join(", ", RESERVED_LABELS) + ")");
            } else if (e.getValue().isBlank()) {
                p.add(field, "must not be empty");
            }
        }
    }
}
