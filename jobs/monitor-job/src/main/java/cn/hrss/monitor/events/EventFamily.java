package cn.hrss.monitor.events;

import java.util.Locale;

/** The business systems that emit events; each family has its own Kafka topic (see {@code conf/app.properties}). */
public enum EventFamily {
    EMPLOYMENT,
    UNEMPLOYMENT,
    INSURED,
    CONTRIBUTION,
    BENEFIT,
    DEATH;

    /** The lower-case name, as stored (the events table's {@code family}) and as a data-absence scope. */
    public final String id = name().toLowerCase(Locale.ROOT);
}
