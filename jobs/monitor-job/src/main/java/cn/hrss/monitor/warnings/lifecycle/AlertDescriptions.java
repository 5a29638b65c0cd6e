package cn.hrss.monitor.warnings.lifecycle;

import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an alert says, from the rule in force and the latest holding observation: scope, Chinese title and summary,
 * evidence, runbook and routing labels.
 *
 * <p>Templates take {@code {name}} placeholders: any evidence key, and {@code {region}} (display name, or the code
 * when unknown), {@code {region_code}}, {@code {severity}} (蓝/黄/橙/红), {@code {rule}} (the rule's Chinese name),
 * {@code {insurance}} (险种 name), {@code {employer}}, {@code {person}} (pseudonym) and {@code {source}}; these
 * names take precedence over evidence keys. An unknown placeholder stays as written, so a typo shows.
 */
final class AlertDescriptions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegionNames regionNames;

    AlertDescriptions(RegionDirectory regions) {
        this.regionNames = new RegionNames(regions);
    }

    /** @return a transition with every descriptive field set; the lifecycle fields are left to the caller */
    AlertTransition describe(RuleDefinition rule, Observation o, Severity severity, String alertId) {
        AlertTransition t = new AlertTransition();
        t.alertId = alertId;
        t.ruleId = rule.id;
        t.ruleVersion = o.ruleVersion;
        t.kind = rule.kind.id;
        t.severity = severity.id;
        t.regionCode = o.regionCode;
        t.regionName = regionNames.displayName(o.regionCode);
        t.insuranceType = o.insuranceType;
        t.employerUscc = o.employerUscc;
        t.personPseudonym = o.personPseudonym;
        t.source = o.source;
        t.scopeKey = o.scopeKey;
        Map<String, String> values = placeholders(rule, o, severity, t.regionName);
        t.title = render(rule.titleTemplate, values);
        t.summary = render(rule.summaryTemplate, values);
        Map<String, String> evidence = new TreeMap<>(o.evidence);
        evidence.put("rule_version", String.valueOf(o.ruleVersion));
        t.evidence = json(evidence);
        t.runbook = rule.runbook;
        t.labels = json(labels(rule, o, severity, alertId));
        // Anything naming a person is a suspicion about that person: never acted on without review.
        t.humanReview = rule.humanReview || !o.personPseudonym.isEmpty();
        return t;
    }

    private static Map<String, String> placeholders(
            RuleDefinition rule, Observation o, Severity severity, String regionName) {
        Map<String, String> values = new HashMap<>(o.evidence);
        values.put("region", regionName.isEmpty() ? o.regionCode : regionName);
        values.put("region_code", o.regionCode);
        values.put("severity", severity.chineseName);
        values.put("rule", rule.name);
        InsuranceType insurance = InsuranceType.fromCode(o.insuranceType);
        values.put("insurance", insurance == null ? o.insuranceType : insurance.chineseName);
        values.put("employer", o.employerUscc);
        values.put("person", o.personPseudonym);
        values.put("source", o.source);
        return values;
    }

    static String render(String template, Map<String, String> values) {
        if (template == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(template);
        return m.replaceAll(r -> Matcher.quoteReplacement(values.getOrDefault(r.group(1), r.group())));
    }

    /** Routing labels carry no personal data: notifications are built from them. */
    private static Map<String, String> labels(RuleDefinition rule, Observation o, Severity severity, String alertId) {
        Map<String, String> labels = new TreeMap<>(rule.labels);
        labels.put("alertname", rule.id);
        labels.put("severity", severity.id);
        labels.put("region", o.regionCode);
        labels.put("insurance_type", o.insuranceType);
        labels.put("alert_id", alertId);
        return labels;
    }

    private static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
