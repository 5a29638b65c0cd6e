package cn.hrss.monitor.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the job runs on Flink ({@code flink.*}).
 *
 * @param checkpointDir checkpoint storage directory; null = the cluster's own setting
 */
public record FlinkSettings(Duration checkpointInterval, int parallelism, String checkpointDir)
        implements Serializable {}
