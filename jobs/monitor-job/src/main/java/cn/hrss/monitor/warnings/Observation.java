package cn.hrss.monitor.warnings;

import java.util.HashMap;
import java.util.Map;

/**
 * What a detector saw for one rule and scope at one moment: the condition holds with a severity, or it is clear
 * ({@code severity == null}). The alert lifecycle turns the sequence of observations of a (rule, scope) into alerts.
 */
public class Observation {
    public String ruleId;
    /** Version of the rule definition the detector applied. */
    public int ruleVersion;
    /** Identifies the scope within the rule, e.g. {@code 110100|110} or an employer USCC; part of the alert id. */
    public String scopeKey;
    public String regionCode = "";
    public String insuranceType = "";
    public String employerUscc = "";
    /** Fraud rules: the person's pseudonym (never a raw ID). */
    public String personPseudonym = "";
    public String source = "";
    /** The severity while the condition holds; null when it is clear. */
    public Severity severity;
    /** When it was observed: event time, or processing time for absence of data. */
    public long observedAt;
    /** Values, windows and thresholds behind the observation, for the alert's evidence and its texts. */
    public Map<String, String> evidence = new HashMap<>();

    public Observation() {}

    public boolean holds() {
        return severity != null;
    }

    @Override
    public String toString() {
        return ruleId + "[" + scopeKey + "] " + (severity == null ? "clear" : severity.id) + " @" + observedAt + " "
                + evidence;
    }
}
