package cn.hrss.monitor.warnings.lifecycle;

/** Whether an alert is open; only {@link Transition#RESOLVED} makes it {@link #RESOLVED}. */
public enum AlertStatus {
    FIRING,
    RESOLVED
}
