package cn.hrss.monitor.warnings.patterns;

import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * N breaching periods in a row. Strict contiguity: one period within the threshold (or without data) breaks the run,
 * which a relaxed "followed by" would skip over. With no skipping, a run that goes on matches again at each further
 * breach, so a continuing condition keeps its alert's evidence current.
 */
public final class ConsecutiveBreachesPattern {
    public static final String BREACHES = "breaches";

    private ConsecutiveBreachesPattern() {}

    public static Pattern<PeriodVerdict, PeriodVerdict> of(int periods) {
        return Pattern.<PeriodVerdict>begin(BREACHES, AfterMatchSkipStrategy.noSkip())
                .where(new IsBreach())
                .times(periods)
                .consecutive();
    }
}
