package cn.hrss.monitor.ingest;

/**
 * Thrown inside the decoder to stop at the first problem of a record; never escapes ingestion. Stack traces are not
 * filled in: rejections are an expected, frequent outcome, not an error.
 */
final class Rejection extends Exception {
    final RejectReason reason;
    final String field;
    /** Set on the way out of the decoder when the record's event id could be read. */
    String eventId = "";

    Rejection(RejectReason reason, String field, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.field = field;
    }
}
