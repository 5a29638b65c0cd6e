package cn.hrss.monitor.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time of ingested records. Rejected records carry no event time and do not move the watermark. */
public final class IngestWatermarks {
    private IngestWatermarks() {}

    /**
     * @param idleTimeout a split (Kafka partition) silent this long is marked idle, so a quiet partition, region or
     *     whole topic does not stop the watermark of the others
     */
    public static WatermarkStrategy<Ingested> strategy(Duration maxOutOfOrderness, Duration idleTimeout) {
        return WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((record, kafkaTimestamp) ->
                        record.isAccepted() ? record.event.occurredAt : Long.MIN_VALUE)
                .withIdleness(idleTimeout);
    }

}
