package cn.hrss.monitor.warnings.rules;

import cn.hrss.monitor.warnings.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One early-warning rule as the catalog in {@code alerts/rules/*.yaml} defines it, validated. A Flink POJO: rules travel
 * as broadcast state so thresholds change without a restart. Parameters are kept as text and read through typed
 * accessors; the catalog validates each kind's parameters when it loads.
 */
public class RuleDefinition implements Serializable {
    /** Stable id, e.g. {@code fund_months_payable}; alerts and routing use it as {@code alertname}. */
    public String id;
    /** Grows with every published change; each alert records the version that raised it. */
    public int version;
    public RuleKind kind;
    /** 中文名称, e.g. 基金可支付月数不足. */
    public String name;
    /** Chinese title template, placeholders {@code {region}}, {@code {value}}, ... filled from the evidence. */
    public String titleTemplate;
    /** Chinese summary template, same placeholders. */
    public String summaryTemplate;
    public String description;
    /** What one alert is about: region level, employer, person or source (see {@code alerts/README.md}). */
    public String scope;
    public Map<String, String> params = new HashMap<>();
    public List<SeverityBand> bands = new ArrayList<>();
    /** Repository path of the runbook, e.g. {@code alerts/runbooks/fund_months_payable.md}. */
    public String runbook;
    /** Routing labels added to every alert of the rule (team, channel...). */
    public Map<String, String> labels = new HashMap<>();
    /** How long the condition must stay clear before an alert resolves. */
    public long holdMillis;
    /** Fraud suspicions: a person must review before anything is done (never an automatic stop). */
    public boolean humanReview;
    /** The YAML file the rule came from, for messages. */
    public String sourceFile;

    public RuleDefinition() {}

    public String param(String key) {
        String v = params.get(key);
        if (v == null) {
            throw new IllegalStateException("rule " + id + " has no parameter '" + key + "'");
        }
        return v;
    }

    public double number(String key) {
        return Double.parseDouble(param(key));
    }

    public int integer(String key) {
        return Integer.parseInt(param(key));
    }

    public Duration duration(String key) {
        return RuleDurations.parse(param(key));
    }

    /** @return the most severe band matching {@code value}, or null when the value is fine */
    public Severity severityFor(double value, String insuranceType) {
        Severity worst = null;
        for (SeverityBand b : bands) {
            if (b.matches(value, insuranceType) && b.severity.isMoreSevereThan(worst)) {
                worst = b.severity;
            }
        }
        return worst;
    }

    /**
     * For rules whose parameters decide whether a condition holds and whose bands only grade it (fund imbalance): a
     * breach outside every band gets the least severe band of its insurance type, so a published threshold that moves
     * past the bands never leaves a breach without a colour.
     *
     * @return the band matching {@code value}, else the least severe band for the insurance type (null: no bands)
     */
    public Severity severityForOrLeast(double value, String insuranceType) {
        Severity graded = severityFor(value, insuranceType);
        if (graded != null) {
            return graded;
        }
        Severity least = null;
        for (SeverityBand b : bands) {
            boolean applies = b.insuranceType.isEmpty() || b.insuranceType.equals(insuranceType);
            if (applies && (least == null || least.isMoreSevereThan(b.severity))) {
                least = b.severity;
            }
        }
        return least;
    }

    /**
     * @return the parameters whose change needs a new job graph (pattern lengths, periods): changing them at run
     *     time is refused with "redeploy from a savepoint"
     */
    public Set<String> structuralParams() {
        return RuleCatalogSchema.structuralParams(kind);
    }

    /**
     * @return why {@code update} cannot replace this rule in a running job, or null if it can (thresholds, bands,
     *     texts, labels, hold period may change; kind, scope and structural parameters may not)
     */
    public String structuralDifference(RuleDefinition update) {
        if (update.kind != kind) {
            return "kind changes from " + kind.id + " to " + update.kind.id;
        }
        if (!update.scope.equals(scope)) {
            return "scope changes from " + scope + " to " + update.scope;
        }
        for (String p : structuralParams()) {
            String before = params.get(p);
            String after = update.params.get(p);
            if (before == null ? after != null : !before.equals(after)) {
                return "parameter " + p + " changes from " + before + " to " + after;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id + " v" + version + " (" + kind.id + ", " + scope + ")";
    }
}
