package cn.hrss.monitor.warnings.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects the problems of one rule file, each prefixed with the file and the rule, so all are reported at once. */
final class Problems {
    private final String source;
    private final List<String> messages;
    private final Set<String> fields = new HashSet<>();
    private String rule = "?";

    /** @param sink where messages go: one list can gather the problems of many files */
    Problems(String source, List<String> sink) {
        this.source = source;
        this.messages = sink;
    }

    Problems(String source) {
        this(source, new ArrayList<>());
    }

    /** Names the rule in later messages, once its id is known. */
    void rule(String id) {
        rule = id;
    }

    void add(String field, String message) {
        fields.add(field);
        messages.add(source + ": rule " + rule + ": " + field + ": " + message);
    }

    /** A problem of the file as a whole (not YAML, not listed in the index). */
    void addForFile(String message) {
        messages.add(source + ": " + message);
    }

    /** @return true if a problem was already reported for {@code field}, so "missing" is not said twice */
    boolean reported(String field) {
        return fields.contains(field);
    }

    List<String> messages() {
        return messages;
    }

    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new RuleValidationException(messages);
        }
    }
}
