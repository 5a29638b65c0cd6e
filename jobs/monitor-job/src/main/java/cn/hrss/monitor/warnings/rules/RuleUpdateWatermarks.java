package cn.hrss.monitor.warnings.rules;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Rule updates have no event time of their own. Their stream is broadcast into every detector, whose watermark is
 * the minimum of its active inputs: so it declares itself idle and never holds back event time, however rarely rules
 * are published. Idle, not the maximum watermark: when the event stream pauses, a maximum here would become the
 * detectors' event time and fire every pending timer at once.
 */
public final class RuleUpdateWatermarks {
    private RuleUpdateWatermarks() {}

    public static WatermarkStrategy<RuleDefinition> strategy() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(RuleDefinition rule, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }
}
