package cn.hrss.monitor.warnings.patterns;

import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * A breaching period directly followed by one within the threshold: the condition has ended. Matching the transition,
 * not every good period, keeps quiet scopes from sending a clear each period.
 */
public final class RecoveryAfterBreachPattern {
    public static final String BREACH = "breach";
    public static final String RECOVERED = "recovered";

    private RecoveryAfterBreachPattern() {}

    public static Pattern<PeriodVerdict, PeriodVerdict> of() {
        return Pattern.<PeriodVerdict>begin(BREACH, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new IsBreach())
                .next(RECOVERED)
                .where(new IsWithinThreshold());
    }
}
