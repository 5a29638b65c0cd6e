package cn.hrss.monitor.warnings.patterns;

import cn.hrss.monitor.warnings.Observation;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Puts the observations of one (rule, scope) from the hold and the recovery pattern back into event-time order. They
 * come from two CEP operators; when one watermark releases both (a backtest's final watermark), their union may
 * deliver a clear before the hold it ends, and the alert lifecycle would drop the earlier one. Each observation waits
 * until the watermark passes its timestamp, so state holds only what one watermark step released.
 */
public final class InEventTimeOrder extends KeyedProcessFunction<String, Observation, Observation> {
    private transient HeldUntilWatermark<Observation> waiting;

    @Override
    public void open(OpenContext openContext) {
        waiting = new HeldUntilWatermark<>(getRuntimeContext(), "waiting-observations",
                TypeInformation.of(Observation.class));
    }

    @Override
    public void processElement(Observation o, Context ctx, Collector<Observation> out) throws Exception {
        if (!waiting.hold(ctx.timestamp(), o, ctx.timerService())) {
            out.collect(o); // nothing released with it can still be waiting behind it
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        for (Observation o : waiting.release(timestamp)) {
            out.collect(o);
        }
    }
}
