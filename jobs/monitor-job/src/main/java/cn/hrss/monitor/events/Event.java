package cn.hrss.monitor.events;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An accepted, validated and pseudonymised event (contract v1). Public fields and a no-arg constructor; Flink
 * serialises it with {@link EventSerializer} (a field added here must be added there). Fields that a type does not
 * carry stay at their defaults ({@code null} or 0).
 *
 * <p>The person is known only by {@link #personPseudonym}: the raw citizen ID never leaves ingestion.
 */
@TypeInfo(EventTypeInfo.Factory.class)
public class Event {
    public String eventId;
    public EventType type;
    /** When it happened, epoch milliseconds (the input carries ISO-8601 with an offset). */
    public long occurredAt;
    /** The UTC offset the producer wrote, in seconds (kept so stored events can be re-rendered as sent). */
    public int offsetSeconds;
    /** GB/T 2260 region code, validated against {@code conf/reference/regions.csv}. */
    public String regionCode;
    public String source;
    /** AAE140 code ("110", "210", ...) or null where the type has none. */
    public String insuranceType;
    /** Keyed HMAC-SHA256 pseudonym of the citizen ID, or null. */
    public String personPseudonym;
    /** Coarse attributes derived from the citizen ID before it is dropped: birth year and sex ("M"/"F"). */
    public int birthYear;
    public String sex;
    /** Unified social credit code of the employer (GB 32100), or null. */
    public String employerUscc;
    /** Employer headcount when the producer knows it, else 0. */
    public int employerHeadcount;
    /** employment: unit / self_employed / flexible. */
    public String employmentForm;
    /** contribution: employer / individual / flexible. */
    public String contributorKind;
    /** Registration, deregistration or insurance-change reason code. */
    public String reason;
    /** contribution: fee period (费款所属期) as YYYYMM, else 0. */
    public int feePeriod;
    /** benefit: pension / unemployment_benefit / injury_benefit. */
    public String benefitItem;
    /** benefit: month the payment is for, YYYYMM, else 0. */
    public int benefitMonth;
    public String batchId;
    /** Amount in fen (yuan × 100): exact integer arithmetic for money. */
    public long amountFen;
    /** death/imprisonment: date of death or sentence as YYYYMMDD, else 0. */
    public int recordDate;
    /** death/imprisonment: police / civil_affairs / health / court. */
    public String recordSource;
    /** Where the record was read: lets a user trace any indicator back to the Kafka records behind it. */
    public String kafkaTopic;
    public int kafkaPartition;
    public long kafkaOffset;

    public Event() {}

    public EventFamily family() {
        return type.family;
    }

    @Override
    public String toString() {
        // Only non-personal fields: toString ends up in logs.
        return "Event{" + eventId + " " + type + " @" + occurredAt + " region=" + regionCode + "}";
    }
}
