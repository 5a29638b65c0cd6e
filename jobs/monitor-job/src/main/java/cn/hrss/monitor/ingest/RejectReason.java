package cn.hrss.monitor.ingest;

/** Machine-readable reasons for rejecting a record; the wire code is what {@code rejected_events.reason} holds. */
public enum RejectReason {
    MALFORMED_JSON("malformed_json"),
    UNKNOWN_TYPE("unknown_type"),
    MISSING_FIELD("missing_field"),
    INVALID_FIELD("invalid_field"),
    INVALID_REGION_CODE("invalid_region_code"),
    INVALID_CITIZEN_ID("invalid_citizen_id"),
    INVALID_USCC("invalid_uscc"),
    INVALID_AMOUNT("invalid_amount"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    FUTURE_TIMESTAMP("future_timestamp"),
    DUPLICATE_EVENT("duplicate_event"),
    TOO_LATE("too_late");

    public final String code;

    RejectReason(String code) {
        this.code = code;
    }
}
