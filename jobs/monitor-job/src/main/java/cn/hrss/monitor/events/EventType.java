package cn.hrss.monitor.events;

import java.util.HashMap;
import java.util.Map;

/**
 * Event types of contract v1 ({@code conf/contract/events.v1.schema.json}). The wire name is the
 * {@code type} field of the JSON record.
 */
public enum EventType {
    EMPLOYMENT_REGISTERED("employment.registered", EventFamily.EMPLOYMENT),
    EMPLOYMENT_TERMINATED("employment.terminated", EventFamily.EMPLOYMENT),
    UNEMPLOYMENT_REGISTERED("unemployment.registered", EventFamily.UNEMPLOYMENT),
    UNEMPLOYMENT_DEREGISTERED("unemployment.deregistered", EventFamily.UNEMPLOYMENT),
    INSURED_ENROLLED("insured.enrolled", EventFamily.INSURED),
    INSURED_LEFT("insured.left", EventFamily.INSURED),
    CONTRIBUTION_PAID("contribution.paid", EventFamily.CONTRIBUTION),
    BENEFIT_PAID("benefit.paid", EventFamily.BENEFIT),
    DEATH_RECORDED("death.recorded", EventFamily.DEATH),
    IMPRISONMENT_RECORDED("imprisonment.recorded", EventFamily.DEATH);

    private static final Map<String, EventType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (EventType t : values()) {
            BY_WIRE_NAME.put(t.wireName, t);
        }
    }

    public final String wireName;
    public final EventFamily family;

    EventType(String wireName, EventFamily family) {
        this.wireName = wireName;
        this.family = family;
    }

    /** @return the type for a wire name, or {@code null} when the contract has no such type. */
    public static EventType fromWireName(String wireName) {
        return BY_WIRE_NAME.get(wireName);
    }
}
