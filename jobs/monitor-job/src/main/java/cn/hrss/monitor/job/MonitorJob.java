package cn.hrss.monitor.job;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.indicators.IndicatorPipeline;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.Admission;
import cn.hrss.monitor.ingest.Ingested;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.ingest.Rejections;
import cn.hrss.monitor.ingest.SplitRejected;
import cn.hrss.monitor.reference.ReferenceData;
import cn.hrss.monitor.warnings.rules.RuleCatalog;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The monitoring job: Kafka event streams → validated, pseudonymised events → rolling indicators → early warnings →
 * ClickHouse and Kafka.
 * {@link #defineWorkflow} holds all logic and is what tests run; {@link #main} only wires real connectors.
 */
public final class MonitorJob {
    private MonitorJob() {}

    /** Usage: {@code MonitorJob [path/to/app.properties]} (default {@code conf/app.properties}). */
    public static void main(String[] args) throws Exception {
        MonitorConfig config = MonitorConfig.load(Path.of(args.length > 0 ? args[0] : "conf/app.properties"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        defineWorkflow(env, new KafkaMonitorSources(config, config.kafka().bounded()), new ProductionSinks(config), config);
        env.execute("hrss-monitor");
    }

    public static void configure(StreamExecutionEnvironment env, MonitorConfig config) {
        env.setParallelism(config.flink().parallelism());
        // Every record type is a Flink POJO; a Kryo fallback would be a silent slowdown, so it is an error.
        Configuration pipeline = new Configuration();
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        // Chained operators get the same record instead of a serializer copy each (copies were ~11 % of the CPU: every
        // accepted event fans out to the events sink, the tallies and the detectors' filters in one chain). Safe
        // because no function mutates its input or an object it has emitted, and records stored in heap state are
        // never modified after they are stored (MonitorWorkflowTest and the end-to-end tests run with it).
        pipeline.set(PipelineOptions.OBJECT_REUSE, true);
        if (config.flink().checkpointDir() != null) {
            pipeline.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            pipeline.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.flink().checkpointDir());
        }
        env.configure(pipeline);
        env.enableCheckpointing(config.flink().checkpointInterval().toMillis());
    }

    public static void defineWorkflow(
            StreamExecutionEnvironment env, MonitorSources sources, MonitorSinks sinks, MonitorConfig config) {
        defineWorkflow(env, sources, sinks, config, RuleCatalog.loadFrom(config.rulesDir()));
    }

    /** @param catalog the early-warning rules to deploy (a backtest leaves out those it cannot replay) */
    public static void defineWorkflow(StreamExecutionEnvironment env, MonitorSources sources, MonitorSinks sinks,
            MonitorConfig config, List<RuleDefinition> catalog) {
        DataStream<Ingested> ingested = sources.ingested(env);
        SingleOutputStreamOperator<Event> decoded =
                ingested.process(new SplitRejected()).name("split-rejected").uid("split-rejected");
        SingleOutputStreamOperator<Event> accepted = decoded
                .keyBy(e -> e.eventId)
                .process(new Admission(config.ingest().allowedLateness(), config.ingest().dedupHorizon())).name("admission")
                .uid("admission");

        DataStream<RejectedRecord> rejected =
                decoded.getSideOutput(Rejections.TAG).union(accepted.getSideOutput(Rejections.TAG));
        sinks.rejected(rejected);
        sinks.events(accepted);
        DataStream<IndicatorRow> indicators = IndicatorPipeline.indicators(
                accepted, config.ingest().allowedLateness(), ReferenceData.loadFrom(config.referenceDir()));
        sinks.indicators(indicators);
        sinks.alerts(WarningPipeline.alerts(accepted, indicators, sources.ruleUpdates(env), catalog));
    }
}
