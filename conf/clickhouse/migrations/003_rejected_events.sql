-- Records that ingestion rejected (cn.hrss.monitor.ingest.RejectedRecord), payload masked and truncated.
-- Keyed by the Kafka position and reason, so a retried insert or a replay does not count a rejection twice.
-- Not partitioned: rejected_at is processing time, which differs on a replay; with time partitions a replay
-- across a month boundary would land in another partition and escape deduplication. The table stays small.
-- kafka_partition / kafka_offset rather than partition / offset, which are SQL keywords.
CREATE TABLE IF NOT EXISTS ${database}.rejected_events
(
    topic           String,
    kafka_partition Int32,
    kafka_offset    Int64,
    rejected_at     DateTime('Asia/Shanghai'),
    reason          String,
    field           String,
    detail          String,
    event_id        String,
    masked_payload  String
)
ENGINE = ReplacingMergeTree
ORDER BY (topic, kafka_partition, kafka_offset, reason);
