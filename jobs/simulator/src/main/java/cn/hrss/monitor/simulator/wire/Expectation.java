package cn.hrss.monitor.simulator.wire;

/** What ingestion should do with a simulated record; tests use it to predict accepted and rejected counts. */
public enum Expectation {
    /** A correct, on-time, first-sent event: must be accepted. */
    VALID,
    /** An exact re-send of an earlier VALID record (same eventId): rejected as {@code duplicate_event}. */
    DUPLICATE,
    /** A correct event whose occurredAt is days behind the stream: rejected as {@code too_late}. */
    LATE,
    /** Broken input: rejected with the reason of its {@link MalformedKind}. */
    MALFORMED
}
