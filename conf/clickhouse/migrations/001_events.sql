-- Every accepted, pseudonymised event (cn.hrss.monitor.events.Event), written by the job's events sink.
-- ReplacingMergeTree keyed by (family, event_id): a replayed event replaces its earlier copy instead of
-- adding to counts (read with FINAL). A replay carries the same occurred_at, so it lands in the same partition.
-- kafka_topic/partition/offset trace each event to the record it was read from.
-- amount is yuan with two decimals (the event carries exact fen); 0 where the type has no amount.
CREATE TABLE IF NOT EXISTS ${database}.events
(
    event_id           String,
    type               String,
    family             String,
    occurred_at        DateTime('Asia/Shanghai'),
    occurred_at_ms     UInt64,
    offset_seconds     Int32,
    region_code        String,
    source             String,
    insurance_type     String,
    person_pseudonym   String,
    birth_year         UInt16,
    sex                String,
    employer_uscc      String,
    employer_headcount UInt32,
    employment_form    String,
    contributor_kind   String,
    reason             String,
    fee_period         UInt32,
    benefit_item       String,
    benefit_month      UInt32,
    batch_id           String,
    amount             Decimal(18, 2),
    record_date        UInt32,
    record_source      String,
    kafka_topic        String,
    kafka_partition    Int32,
    kafka_offset       Int64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (family, event_id);
