package cn.hrss.monitor.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event time and admission ({@code ingest.*}), and where the pseudonym key is ({@code pseudonym.*}).
 *
 * @param maxOutOfOrderness how far behind the newest event the watermark trails
 * @param allowedLateness how late an event may still correct its windows; later ones are {@code too_late}
 * @param sourceIdleTimeout a silent partition stops holding back the watermark after this long
 * @param dedupHorizon a repeated event id within this horizon is a {@code duplicate_event}
 * @param maxFuture tolerance for clocks ahead
 * @param pseudonymKey the key of the citizen-ID pseudonyms: base64 of at least 32 random bytes
 */
public record IngestSettings(Duration maxOutOfOrderness, Duration allowedLateness, Duration sourceIdleTimeout,
        Duration dedupHorizon, Duration maxFuture, Secret pseudonymKey) implements Serializable {}
