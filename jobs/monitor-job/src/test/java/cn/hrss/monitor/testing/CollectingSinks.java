package cn.hrss.monitor.testing;

import cn.hrss.monitor.job.MonitorSinks;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Collects the workflow's outputs in memory (the MiniCluster runs in this JVM). One instance per test run. */
public final class CollectingSinks implements MonitorSinks {
    private static final Map<String, ConcurrentLinkedQueue<Object>> RESULTS = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();

    @Override
    public void events(DataStream<Event> accepted) {
        accepted.sinkTo(new Collect<>(id + "/events"));
    }

    @Override
    public void indicators(DataStream<IndicatorRow> indicators) {
        indicators.sinkTo(new Collect<>(id + "/indicators"));
    }

    @Override
    public void rejected(DataStream<RejectedRecord> rejected) {
        rejected.sinkTo(new Collect<>(id + "/rejected"));
    }

    @Override
    public void alerts(DataStream<AlertTransition> transitions) {
        transitions.sinkTo(new Collect<>(id + "/alerts"));
    }

    public List<AlertTransition> alerts() {
        return list("/alerts");
    }

    public List<Event> events() {
        return list("/events");
    }

    public List<IndicatorRow> indicators() {
        return list("/indicators");
    }

    public List<RejectedRecord> rejected() {
        return list("/rejected");
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> list(String suffix) {
        return new ArrayList<>((ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) RESULTS.getOrDefault(
                id + suffix, new ConcurrentLinkedQueue<>()));
    }

    private static final class Collect<T> implements Sink<T> {
        private final String key;

        Collect(String key) {
            this.key = key;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            ConcurrentLinkedQueue<Object> queue = RESULTS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    queue.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
