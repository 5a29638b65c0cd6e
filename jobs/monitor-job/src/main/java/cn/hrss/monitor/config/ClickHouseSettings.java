package cn.hrss.monitor.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The ClickHouse server the job writes to and the tools migrate and read ({@code clickhouse.*}), and how the job's
 * sinks batch ({@code sink.*}).
 *
 * @param url HTTP interface, e.g. {@code http://127.0.0.1:8123}
 * @param database database of the project's tables, a plain identifier
 * @param batchRows rows per insert at most
 * @param batchAge a batch is sent when its oldest row is this old
 * @param retryFor how long a failing insert is retried before the job restarts
 */
public record ClickHouseSettings(String url, String user, Secret password, String database, int batchRows,
        Duration batchAge, Duration retryFor) implements Serializable {}
