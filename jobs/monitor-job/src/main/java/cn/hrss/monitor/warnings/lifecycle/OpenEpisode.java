package cn.hrss.monitor.warnings.lifecycle;

import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;

/** The open alert of one (rule, scope): {@link AlertLifecycle}'s keyed state. A Flink POJO. */
public class OpenEpisode {
    public String alertId;
    public Severity severity;
    /** Observation time of the first holding observation. */
    public long startsAt;
    /** Sequence number of the last transition emitted. */
    public long sequence;
    /** Observation time of the latest applied observation; older ones arriving later are ignored. */
    public long lastObservedAt;
    /** The latest holding observation: scope, evidence and rule version of the alert. */
    public Observation lastHolding;
    /** True while the condition is clear and the hold period runs. */
    public boolean clearing;
    /** When the condition became clear (valid while {@link #clearing}). */
    public long clearSince;
    /** The registered resolution timer (valid while {@link #clearing}). */
    public long resolveAt;

    public OpenEpisode() {}
}
