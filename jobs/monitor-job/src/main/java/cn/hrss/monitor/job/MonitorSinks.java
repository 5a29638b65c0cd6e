package cn.hrss.monitor.job;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the workflow's results go: ClickHouse and Kafka in production, collecting sinks in tests. */
public interface MonitorSinks {
    void events(DataStream<Event> accepted);

    void indicators(DataStream<IndicatorRow> indicators);

    void rejected(DataStream<RejectedRecord> rejected);

    void alerts(DataStream<AlertTransition> transitions);
}
