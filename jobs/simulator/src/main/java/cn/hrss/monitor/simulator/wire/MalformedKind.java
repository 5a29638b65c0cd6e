package cn.hrss.monitor.simulator.wire;

/**
 * The ways a simulated record is broken, each with the rejection reason ingestion must report. {@link #schemaCheckable}
 * says whether the JSON schema alone already rejects it (the others need reference data, check characters or a clock).
 */
public enum MalformedKind {
    /** The record is cut off mid-object. */
    TRUNCATED_JSON("malformed_json", false),
    /** {@code type} is not an event type of contract v1. */
    UNKNOWN_TYPE("unknown_type", true),
    /** A field the type requires (batchId, feePeriod, employmentForm, reason or recordSource) is absent. */
    MISSING_FIELD("missing_field", true),
    /** {@code source} is a JSON array instead of a string. */
    WRONG_FIELD_TYPE("invalid_field", true),
    /** A well-formed six-digit region code that is not in the region directory. */
    UNKNOWN_REGION_CODE("invalid_region_code", false),
    /** A citizen ID with a wrong ISO 7064 MOD 11-2 check character. */
    BAD_CITIZEN_ID_CHECK("invalid_citizen_id", false),
    /** A USCC with a wrong GB/T 17710 check character. */
    BAD_USCC_CHECK("invalid_uscc", false),
    NEGATIVE_AMOUNT("invalid_amount", true),
    THREE_DECIMAL_AMOUNT("invalid_amount", true),
    /** occurredAt without the {@code T} separator and offset. */
    UNPARSEABLE_TIMESTAMP("invalid_timestamp", true),
    /** occurredAt in the year 2099. */
    FAR_FUTURE_TIMESTAMP("future_timestamp", false);

    /** The {@code rejected_events.reason} code ingestion must report. */
    public final String rejectReason;
    public final boolean schemaCheckable;

    MalformedKind(String rejectReason, boolean schemaCheckable) {
        this.rejectReason = rejectReason;
        this.schemaCheckable = schemaCheckable;
    }
}
