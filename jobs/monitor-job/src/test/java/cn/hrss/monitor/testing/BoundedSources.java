package cn.hrss.monitor.testing;

import cn.hrss.monitor.job.MonitorSources;
import cn.hrss.monitor.ingest.Ingested;
import cn.hrss.monitor.ingest.RecordDecoder;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleUpdates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Feeds JSON payloads through the production {@link RecordDecoder}, in order, with a watermark after every record
 * (max timestamp − out-of-orderness), so tests control exactly when windows fire and what counts as late.
 */
public final class BoundedSources implements MonitorSources {
    public static final byte[] TEST_KEY = "test-pseudonym-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final List<RawRecord> records;
    private final Duration maxOutOfOrderness;
    private final List<RuleDefinition> ruleUpdates = new ArrayList<>();

    public BoundedSources(List<String> payloads, Duration maxOutOfOrderness) {
        this.records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            records.add(new RawRecord("test.events", 0, i, payloads.get(i)));
        }
        this.maxOutOfOrderness = maxOutOfOrderness;
    }

    @Override
    public DataStream<Ingested> ingested(StreamExecutionEnvironment env) {
        long outOfOrderness = maxOutOfOrderness.toMillis();
        return env.fromData(RawRecord.class, records.toArray(new RawRecord[0]))
                .setParallelism(1)
                .map(new Decode()).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Ingested>forGenerator(ctx -> new EveryRecord(outOfOrderness))
                        .withTimestampAssigner((r, ts) -> r.isAccepted() ? r.event.occurredAt : Long.MIN_VALUE))
                .setParallelism(1);
    }

    /** No rule is published during a test run unless a test says so. */
    @Override
    public DataStream<RuleDefinition> ruleUpdates(StreamExecutionEnvironment env) {
        if (ruleUpdates.isEmpty()) {
            return RuleUpdates.none(env);
        }
        return env.fromData(ruleUpdates, TypeInformation.of(RuleDefinition.class)).setParallelism(1);
    }

    public BoundedSources withRuleUpdates(List<RuleDefinition> updates) {
        ruleUpdates.addAll(updates);
        return this;
    }

    private static final class Decode extends RichMapFunction<RawRecord, Ingested> {
        private transient RecordDecoder decoder;

        @Override
        public void open(OpenContext openContext) {
            decoder = new RecordDecoder(TEST_KEY, Duration.ofMinutes(10).toMillis(), System::currentTimeMillis);
        }

        @Override
        public Ingested map(RawRecord r) {
            return decoder.decode(r.topic, r.partition, r.offset, r.payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final class EveryRecord implements WatermarkGenerator<Ingested> {
        private final long outOfOrderness;
        private long maxTimestamp = Long.MIN_VALUE;

        EveryRecord(long outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
        }

        @Override
        public void onEvent(Ingested event, long timestamp, WatermarkOutput output) {
            if (timestamp > maxTimestamp) {
                maxTimestamp = timestamp;
                output.emitWatermark(new Watermark(maxTimestamp - outOfOrderness - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
