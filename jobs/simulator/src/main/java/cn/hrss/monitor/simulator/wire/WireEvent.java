package cn.hrss.monitor.simulator.wire;

import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.simulator.clock.ChinaTime;

/**
 * One event on its way to JSON: the contract's fields (null or negative when absent) plus the simulator's routing
 * key. Serialised with a StringBuilder because a benchmark produces millions of these.
 */
public final class WireEvent {
    public final EventType type;
    public long at;
    public String key;
    public String regionCode;
    String source;
    String insuranceType;
    String personId;
    String employerUscc;
    int employerHeadcount;
    String employmentForm;
    String contributorKind;
    String reason;
    String feePeriod;
    String benefitItem;
    String benefitMonth;
    String batchId;
    long amountFen = -1;
    String recordDate;
    String recordSource;

    /** Set when the record is emitted, so ids follow emission order. */
    public String eventId;
    /** Overrides used to break a record on purpose; null = the regular rendering. */
    String typeText;
    String occurredAtText;
    String amountText;

    WireEvent(EventType type, long at, String key, String regionCode, String source) {
        this.type = type;
        this.at = at;
        this.key = key;
        this.regionCode = regionCode;
        this.source = source;
    }

    public String toJson(ChinaTime time) {
        StringBuilder sb = new StringBuilder(384).append('{');
        string(sb, "eventId", eventId, true);
        sb.append(",\"schemaVersion\":1");
        string(sb, "type", typeText != null ? typeText : type.wireName, false);
        string(sb, "occurredAt", occurredAtText != null ? occurredAtText : time.format(at), false);
        string(sb, "regionCode", regionCode, false);
        string(sb, "source", source, false);
        string(sb, "insuranceType", insuranceType, false);
        string(sb, "personId", personId, false);
        string(sb, "employerUscc", employerUscc, false);
        if (employerHeadcount > 0) {
            sb.append(",\"employerHeadcount\":").append(employerHeadcount);
        }
        string(sb, "employmentForm", employmentForm, false);
        string(sb, "contributorKind", contributorKind, false);
        string(sb, "reason", reason, false);
        string(sb, "feePeriod", feePeriod, false);
        string(sb, "benefitItem", benefitItem, false);
        string(sb, "benefitMonth", benefitMonth, false);
        string(sb, "batchId", batchId, false);
        string(sb, "amount", amountText != null ? amountText : amountFen >= 0 ? yuan(amountFen) : null, false);
        string(sb, "recordDate", recordDate, false);
        string(sb, "recordSource", recordSource, false);
        return sb.append('}').toString();
    }

    /** @return fen as yuan with exactly two decimals */
    public static String yuan(long fen) {
        long cents = fen % 100;
        return (fen / 100) + (cents < 10 ? ".0" : ".") + cents;
    }

    private static void string(StringBuilder sb, String name, String value, boolean first) {
        if (value == null) {
            return;
        }
        if (!first) {
            sb.append(',');
        }
        sb.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
