package cn.hrss.monitor.warnings.rules;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Rule-update streams for runs where nothing is published: replays, backtests and tests. */
public final class RuleUpdates {
    private RuleUpdates() {}

    /** A stream that ends at once (so its watermark is final): {@code fromData} cannot be empty, hence the filter. */
    public static DataStream<RuleDefinition> none(StreamExecutionEnvironment env) {
        return env.fromData(RuleDefinition.class, new RuleDefinition()).filter(r -> false).name("no-rule-updates")
                .setParallelism(1);
    }
}
