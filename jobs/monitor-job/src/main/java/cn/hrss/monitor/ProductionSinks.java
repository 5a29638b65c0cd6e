package cn.hrss.monitor;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSink;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSinkSettings;
import cn.hrss.monitor.sinks.clickhouse.EventRowEncoder;
import cn.hrss.monitor.sinks.clickhouse.IndicatorRowEncoder;
import cn.hrss.monitor.sinks.clickhouse.RejectedRecordEncoder;
import cn.hrss.monitor.sinks.kafka.DeadLetterSerializer;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/** ClickHouse tables for events, indicators and rejections; the Kafka dead-letter topic for rejections too. */
public final class ProductionSinks implements MonitorSinks {
    private final MonitorConfig config;
    private final ClickHouseEndpoint clickHouse;

    public ProductionSinks(MonitorConfig config) {
        this.config = config;
        this.clickHouse = new ClickHouseEndpoint(config.clickHouseUrl(), config.clickHouseUser(),
                config.clickHousePassword(), config.clickHouseDatabase());
    }

    @Override
    public void events(DataStream<Event> accepted) {
        accepted.sinkTo(new ClickHouseSink<>(settings("events"), new EventRowEncoder()))
                .name("clickhouse-events").uid("clickhouse-events");
    }

    @Override
    public void indicators(DataStream<IndicatorRow> indicators) {
        indicators.sinkTo(new ClickHouseSink<>(settings("indicators"), new IndicatorRowEncoder()))
                .name("clickhouse-indicators").uid("clickhouse-indicators");
    }

    @Override
    public void rejected(DataStream<RejectedRecord> rejected) {
        rejected.sinkTo(new ClickHouseSink<>(settings("rejected_events"), new RejectedRecordEncoder()))
                .name("clickhouse-rejected").uid("clickhouse-rejected");
        rejected.sinkTo(KafkaSink.<RejectedRecord>builder()
                        .setBootstrapServers(config.kafkaBootstrapServers())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setRecordSerializer(KafkaRecordSerializationSchema.<RejectedRecord>builder()
                                .setTopic(config.deadLetterTopic())
                                .setKeySerializationSchema(DeadLetterSerializer::key)
                                .setValueSerializationSchema(new DeadLetterSerializer())
                                .build())
                        .build())
                .name("kafka-dead-letter").uid("kafka-dead-letter");
    }

    private ClickHouseSinkSettings settings(String table) {
        return ClickHouseSinkSettings.of(clickHouse, table)
                .withMaxBatchRows(config.sinkBatchRows())
                .withMaxBatchAgeMs(config.sinkBatchAge().toMillis())
                .withRetryTimeoutMs(config.sinkRetryFor().toMillis());
    }
}
