package cn.hrss.monitor.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time of ingested records. Rejected records carry no event time and do not move the watermark. */
public final class IngestWatermarks {
    private IngestWatermarks() {}

    /** Every input partition belongs to one alignment group. */
    private static final String ALIGNMENT_GROUP = "ingest";
    private static final Duration ALIGNMENT_UPDATE_INTERVAL = Duration.ofSeconds(1);

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

    /**
     * {@link #strategy} for a source of many partitions read in parallel.
     *
     * @param maxDrift how far one partition may read ahead of the slowest: when catching up on a backlog, a partition
     *     that is read slowly would otherwise fall behind the watermark by more than the allowed lateness, and its
     *     records would be rejected as too late; alignment pauses the ones ahead instead
     */
    public static WatermarkStrategy<Ingested> aligned(Duration maxOutOfOrderness, Duration idleTimeout,
            Duration maxDrift) {
        return strategy(maxOutOfOrderness, idleTimeout)
                .withWatermarkAlignment(ALIGNMENT_GROUP, maxDrift, ALIGNMENT_UPDATE_INTERVAL);
    }
}
