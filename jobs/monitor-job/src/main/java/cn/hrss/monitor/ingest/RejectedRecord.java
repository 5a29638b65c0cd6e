package cn.hrss.monitor.ingest;

/**
 * A record that ingestion did not accept, with a machine-readable reason. Goes to the dead-letter topic and to
 * ClickHouse {@code rejected_events}. Carries no raw personal data: the payload is masked and truncated.
 */
public class RejectedRecord {
    public String topic;
    public int partition;
    public long offset;
    /** Processing time of the rejection, epoch ms. */
    public long rejectedAt;
    /** See {@link RejectReason}. */
    public String reason;
    /** The offending field, or "" when the record as a whole is wrong. */
    public String field;
    /** A short explanation for people, without personal data. */
    public String detail;
    /** The event id when it could be read, else "". */
    public String eventId;
    /** The record as received, citizen IDs masked (first 6 and last 4 characters kept), truncated. */
    public String maskedPayload;

    public RejectedRecord() {}

    @Override
    public String toString() {
        return "Rejected{" + reason + " " + field + " " + topic + "/" + partition + "@" + offset + "}";
    }
}
