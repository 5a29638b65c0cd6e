package cn.hrss.monitor.warnings.patterns;

import cn.hrss.monitor.warnings.Severity;

/**
 * The judgement of one closed indicator period against one rule's threshold: the event the period patterns match.
 * Every closed period yields one, breach or not, so "consecutive" in a pattern means consecutive periods.
 */
public class PeriodVerdict {
    public String ruleId;
    public int ruleVersion;
    public String scopeKey;
    public String regionCode;
    public String insuranceType = "";
    public String indicator;
    /** Period id ({@code month}, {@code day}) and the window judged, epoch ms. */
    public String period;
    public long windowStart;
    public long windowEnd;
    /** The period's final value as text, or "" when the period had no row (e.g. no outflow, so no ratio). */
    public String value = "";
    /** The threshold it was compared with, as the rule in force stated it. */
    public String threshold;
    public boolean breach;
    /** The severity a breach grades to under the rule in force; null when not a breach. */
    public Severity severity;

    public PeriodVerdict() {}

    /** @return the period as people read it: {@code 2026-07} or {@code 2026-07-14} */
    public String label() {
        return PeriodWindows.label(period, windowStart);
    }

    /** The (rule, scope) the pattern runs over. */
    public String patternKey() {
        return ruleId + "|" + scopeKey;
    }

    @Override
    public String toString() {
        return ruleId + "[" + scopeKey + "] " + label() + "=" + value + (breach ? " breach" : " ok");
    }
}
