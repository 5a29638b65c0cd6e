package cn.hrss.monitor.events;

/** The business systems that emit events; each family has its own Kafka topic (see {@code conf/app.properties}). */
public enum EventFamily {
    EMPLOYMENT,
    UNEMPLOYMENT,
    INSURED,
    CONTRIBUTION,
    BENEFIT,
    DEATH
}
