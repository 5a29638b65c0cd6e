package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.Event;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Accepted events go on; records the decoder rejected go to the {@link Rejections#TAG} side output. */
public final class SplitRejected extends ProcessFunction<Ingested, Event> {
    @Override
    public void processElement(Ingested in, Context ctx, Collector<Event> out) {
        if (in.isAccepted()) {
            out.collect(in.event);
        } else {
            ctx.output(Rejections.TAG, in.rejected);
        }
    }
}
