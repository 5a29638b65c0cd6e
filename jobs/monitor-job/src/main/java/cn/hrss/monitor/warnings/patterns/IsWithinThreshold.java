package cn.hrss.monitor.warnings.patterns;

import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** A closed period within the threshold, including one without any value (no data is no breach). */
public final class IsWithinThreshold extends SimpleCondition<PeriodVerdict> {
    @Override
    public boolean filter(PeriodVerdict verdict) {
        return !verdict.breach;
    }
}
