package cn.hrss.monitor.warnings.rules;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Rule updates have no event time of their own. Their stream is broadcast into every detector, whose watermark is
 * the minimum of its inputs: so it announces "no more rule events in the past" (the maximum watermark) and never holds
 * back event time, however rarely rules are published.
 */
public final class RuleUpdateWatermarks {
    private RuleUpdateWatermarks() {}

    public static WatermarkStrategy<RuleDefinition> strategy() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(RuleDefinition rule, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(Watermark.MAX_WATERMARK);
            }
        });
    }
}
