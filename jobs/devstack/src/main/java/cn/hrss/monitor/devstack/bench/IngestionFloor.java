package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.job.KafkaMonitorSources;
import cn.hrss.monitor.job.ProductionSinks;
import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.ingest.Rejections;
import cn.hrss.monitor.ingest.SplitRejected;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The floor under the pipeline's cost: only the job's ingestion and storage (Kafka source, decoding, validation and
 * pseudonymisation, the events and rejections sinks), without deduplication, indicators or warnings, over the same
 * records and measured the same way. Any job that stores every event does at least this work, so its rate bounds
 * what the full pipeline can reach on this machine.
 */
final class IngestionFloor {
    private IngestionFloor() {}

    /**
     * @param duplicates repeated event ids among the records: without deduplication they reach the events table,
     *     whose merges may remove them at any time, so only {@code records - duplicates} rows are certain at the end
     */
    static PipelineThroughput.Result run(LocalStack stack, long records, long duplicates, Consumer<String> say)
            throws Exception {
        MonitorConfig config = stack.config(Map.of("kafka.group-id", "bench-floor"));
        StreamExecutionEnvironment env = LocalStack.environment(config, new Configuration());
        ProductionSinks sinks = new ProductionSinks(config);
        SingleOutputStreamOperator<Event> decoded = new KafkaMonitorSources(config, true).ingested(env)
                .process(new SplitRejected()).name("split-rejected");
        sinks.rejected(decoded.getSideOutput(Rejections.TAG));
        sinks.events(decoded);
        long start = System.nanoTime();
        return PipelineThroughput.measure(stack, records, records - duplicates, start,
                PipelineThroughput.finished(env.executeAsync("bench-ingestion-floor")), say);
    }
}
