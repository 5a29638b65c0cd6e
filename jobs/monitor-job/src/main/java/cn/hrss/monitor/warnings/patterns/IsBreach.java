package cn.hrss.monitor.warnings.patterns;

import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** A closed period whose value breached the rule's threshold in force when it closed. */
public final class IsBreach extends SimpleCondition<PeriodVerdict> {
    @Override
    public boolean filter(PeriodVerdict verdict) {
        return verdict.breach;
    }
}
