package cn.hrss.monitor.simulator.wire;

import cn.hrss.monitor.events.EventFamily;

/**
 * One record as it goes onto Kafka, plus what ingestion is expected to make of it.
 *
 * @param topicFamily the {@link EventFamily} name whose topic the record goes to
 * @param key the Kafka key: a simulator-internal person or employer number, never a citizen ID
 * @param json the record value
 * @param occurredAtMillis the event time written in the record (the simulated clock when the record has none)
 * @param malformed how the record is broken when {@code expectation} is MALFORMED, else {@code null}
 */
public record SimulatedRecord(
        String topicFamily,
        String key,
        String json,
        long occurredAtMillis,
        Expectation expectation,
        MalformedKind malformed) {

    /** @return the rejection reason code ingestion must report, or {@code null} for a VALID record */
    public String expectedRejectReason() {
        return switch (expectation) {
            case VALID -> null;
            case DUPLICATE -> "duplicate_event";
            case LATE -> "too_late";
            case MALFORMED -> malformed.rejectReason;
        };
    }

    public EventFamily family() {
        return EventFamily.valueOf(topicFamily);
    }
}
