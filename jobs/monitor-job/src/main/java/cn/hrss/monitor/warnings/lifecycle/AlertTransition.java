package cn.hrss.monitor.warnings.lifecycle;

/**
 * One change of one alert, as written to ClickHouse ({@code alert_events}, and {@code alerts} keeping the latest per
 * alert) and to the Kafka {@code alerts} topic. The current state of an alert is its transition with the highest
 * {@link #sequence}. A Flink POJO. Persons appear only by pseudonym; absent values are "" or 0, never null.
 */
public class AlertTransition {
    /** Stable per (rule, scope, episode): 16 hex digits, see {@link AlertIds}. */
    public String alertId;
    public String ruleId;
    /** Version of the rule whose thresholds produced the latest observation. */
    public int ruleVersion;
    /** The rule kind id, e.g. {@code fund_months_payable}. */
    public String kind;
    public Transition transition;
    public AlertStatus status;
    /** Severity id ({@code blue}, {@code yellow}, {@code orange}, {@code red}) after the transition. */
    public String severity;
    /** Severity id before the transition; "" for {@link Transition#FIRING}. */
    public String previousSeverity = "";
    public String regionCode = "";
    /** Chinese display name of the region, e.g. 北京市朝阳区; "" when the alert has no (known) region. */
    public String regionName = "";
    public String insuranceType = "";
    public String employerUscc = "";
    public String personPseudonym = "";
    public String source = "";
    public String scopeKey;
    /** Chinese one-line title, from the rule's title template. */
    public String title;
    /** Chinese summary with the values that triggered it, from the rule's summary template. */
    public String summary;
    /** JSON object of the evidence (values, windows, thresholds) including {@code rule_version}. */
    public String evidence;
    /** Repository path of the runbook. */
    public String runbook;
    /** JSON object of routing labels: the rule's labels plus alertname, severity, region, insurance_type, alert_id. */
    public String labels;
    /** A person must review the case before anything is done (fraud suspicions). */
    public boolean humanReview;
    /** Epoch ms: when the episode began (observation time of the first holding observation). */
    public long startsAt;
    /** Epoch ms: observation time of this change (the resolution time for {@link Transition#RESOLVED}). */
    public long updatedAt;
    /** Epoch ms: when the alert resolved; 0 while it is firing. */
    public long endsAt;
    /** 1 for {@link Transition#FIRING}, then one more per transition of the same alert. */
    public long sequence;

    public AlertTransition() {}

    @Override
    public String toString() {
        return alertId + "#" + sequence + " " + transition + " " + ruleId + "[" + scopeKey + "] " + severity;
    }
}
