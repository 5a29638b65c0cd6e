package cn.hrss.monitor.warnings.conditions;

import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.SeverityBand;

/**
 * Severity for rules whose parameters decide whether a condition holds and whose bands only say how bad it is
 * (fund imbalance, unemployment surge): the bands applying to an insurance type, ignoring their bounds when the
 * value is outside all of them, so a published threshold never leaves a breach without a colour.
 */
public final class Bands {
    private Bands() {}

    /** @return the band matching {@code value}, else the least severe band for the insurance type (null: no bands) */
    public static Severity gradeOrLeast(RuleDefinition rule, double value, String insuranceType) {
        Severity graded = rule.severityFor(value, insuranceType);
        return graded != null ? graded : least(rule, insuranceType);
    }

    /** @return the least severe band applying to the insurance type, bounds ignored */
    public static Severity least(RuleDefinition rule, String insuranceType) {
        Severity least = null;
        for (SeverityBand b : rule.bands) {
            if (applies(b, insuranceType) && (least == null || least.isMoreSevereThan(b.severity))) {
                least = b.severity;
            }
        }
        return least;
    }

    /** @return the most severe band applying to the insurance type, bounds ignored */
    public static Severity most(RuleDefinition rule, String insuranceType) {
        Severity most = null;
        for (SeverityBand b : rule.bands) {
            if (applies(b, insuranceType) && b.severity.isMoreSevereThan(most)) {
                most = b.severity;
            }
        }
        return most;
    }

    private static boolean applies(SeverityBand b, String insuranceType) {
        return b.insuranceType.isEmpty() || b.insuranceType.equals(insuranceType);
    }
}
