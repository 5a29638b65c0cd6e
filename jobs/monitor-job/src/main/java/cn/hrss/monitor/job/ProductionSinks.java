package cn.hrss.monitor.job;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.sinks.clickhouse.AlertRowEncoder;
import cn.hrss.monitor.sinks.clickhouse.AlertTransitionEncoder;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSink;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseSinkSettings;
import cn.hrss.monitor.sinks.clickhouse.EventRowBinary;
import cn.hrss.monitor.sinks.clickhouse.IndicatorRowEncoder;
import cn.hrss.monitor.sinks.clickhouse.RejectedRecordEncoder;
import cn.hrss.monitor.sinks.alertmanager.AlertmanagerSink;
import cn.hrss.monitor.sinks.kafka.AlertSerializer;
import cn.hrss.monitor.sinks.kafka.DeadLetterSerializer;
import cn.hrss.monitor.sinks.kafka.KeyedJsonRecords;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/** ClickHouse tables for events, indicators, rejections and alerts; Kafka topics for dead letters and alerts. */
public final class ProductionSinks implements MonitorSinks {
    private final MonitorConfig config;
    private final ClickHouseEndpoint clickHouse;

    public ProductionSinks(MonitorConfig config) {
        this.config = config;
        this.clickHouse = ClickHouseEndpoint.of(config.clickHouse());
    }

    @Override
    public void events(DataStream<Event> accepted) {
        accepted.sinkTo(new ClickHouseSink<>(settings("events"), new EventRowBinary()))
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
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setRecordSerializer(new KeyedJsonRecords<>(
                                config.kafka().deadLetterTopic(), DeadLetterSerializer::key, new DeadLetterSerializer()))
                        .build())
                .name("kafka-dead-letter").uid("kafka-dead-letter");
    }

    /**
     * Current state and every transition to ClickHouse; each transition to the alerts topic, keyed by alert id; and
     * notifications to Alertmanager when configured.
     */
    @Override
    public void alerts(DataStream<AlertTransition> transitions) {
        transitions.sinkTo(new ClickHouseSink<>(settings("alerts"), new AlertRowEncoder()))
                .name("clickhouse-alerts").uid("clickhouse-alerts");
        transitions.sinkTo(new ClickHouseSink<>(settings("alert_events"), new AlertTransitionEncoder()))
                .name("clickhouse-alert-events").uid("clickhouse-alert-events");
        transitions.sinkTo(KafkaSink.<AlertTransition>builder()
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setRecordSerializer(new KeyedJsonRecords<>(
                                config.kafka().alertsTopic(), AlertSerializer::key, new AlertSerializer()))
                        .build())
                .name("kafka-alerts").uid("kafka-alerts");
        if (config.alertmanager().enabled()) {
            transitions.sinkTo(new AlertmanagerSink(config.alertmanager())).setParallelism(1)
                    .name("alertmanager").uid("alertmanager");
        }
    }

    private ClickHouseSinkSettings settings(String table) {
        return ClickHouseSinkSettings.of(clickHouse, table)
                .withMaxBatchRows(config.clickHouse().batchRows())
                .withMaxBatchAgeMs(config.clickHouse().batchAge().toMillis())
                .withRetryTimeoutMs(config.clickHouse().retryFor().toMillis());
    }
}
