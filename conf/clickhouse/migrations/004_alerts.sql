-- Early-warning alerts (cn.hrss.monitor.warnings.lifecycle.AlertTransition): one alert per (rule, scope, episode),
-- its id derived from them, so a replay writes the same ids. alert_events keeps every transition (FIRING, ESCALATED,
-- DEESCALATED, UPDATED, RESOLVED); a retried insert or a replay rewrites the same (alert_id, sequence), which
-- ReplacingMergeTree folds into one row. alerts keeps each alert's current state: ReplacingMergeTree(sequence)
-- retains the row of its latest transition (read with FINAL or argMax(..., sequence) GROUP BY alert_id).
-- Both are partitioned by the episode start, which never changes for an alert, so all rows of one alert share a
-- partition and deduplicate. status: FIRING or RESOLVED; severity / previous_severity: blue, yellow, orange, red
-- (previous '' on FIRING); ends_at: 0 (1970) while firing. evidence and labels are JSON objects as text.
-- Persons appear only by pseudonym (fraud suspicions, human_review = 1); labels never name a person.
CREATE TABLE IF NOT EXISTS ${database}.alerts
(
    alert_id         String,
    rule_id          String,
    rule_version     UInt32,
    kind             String,
    last_transition  String,
    status           String,
    severity         String,
    region_code      String,
    region_name      String,
    insurance_type   String,
    employer_uscc    String,
    person_pseudonym String,
    source           String,
    scope_key        String,
    title            String,
    summary          String,
    evidence         String,
    runbook          String,
    labels           String,
    human_review     UInt8,
    starts_at        DateTime('Asia/Shanghai'),
    updated_at       DateTime('Asia/Shanghai'),
    ends_at          DateTime('Asia/Shanghai'),
    sequence         UInt64
)
ENGINE = ReplacingMergeTree(sequence)
PARTITION BY toYYYYMM(starts_at)
ORDER BY alert_id;

CREATE TABLE IF NOT EXISTS ${database}.alert_events
(
    alert_id          String,
    sequence          UInt64,
    transition        String,
    status            String,
    severity          String,
    previous_severity String,
    rule_id           String,
    rule_version      UInt32,
    kind              String,
    region_code       String,
    region_name       String,
    insurance_type    String,
    employer_uscc     String,
    person_pseudonym  String,
    source            String,
    scope_key         String,
    title             String,
    summary           String,
    evidence          String,
    runbook           String,
    labels            String,
    human_review      UInt8,
    starts_at         DateTime('Asia/Shanghai'),
    updated_at        DateTime('Asia/Shanghai'),
    ends_at           DateTime('Asia/Shanghai')
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(starts_at)
ORDER BY (alert_id, sequence);
