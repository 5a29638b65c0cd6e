package cn.hrss.monitor.job;

import cn.hrss.monitor.ingest.Ingested;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the workflow's input comes from: Kafka in production, bounded collections in tests. */
public interface MonitorSources {
    /** Decoded records with event-time timestamps and watermarks assigned (see {@link cn.hrss.monitor.ingest.IngestWatermarks}). */
    DataStream<Ingested> ingested(StreamExecutionEnvironment env);

    /** Rule versions published while the job runs; their watermark must never hold back event time. */
    DataStream<RuleDefinition> ruleUpdates(StreamExecutionEnvironment env);
}
