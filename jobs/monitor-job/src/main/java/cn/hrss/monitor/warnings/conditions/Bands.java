package cn.hrss.monitor.warnings.conditions;

import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.SeverityBand;

/**
 * Severity for rules whose parameters decide whether a condition holds and whose bands grade the measured value
 * (fund imbalance: the ratio): a breach outside every band gets the least severe band of its insurance type, so a
 * published threshold that moves past the bands never leaves a breach without a colour.
 */
public final class Bands {
    private Bands() {}

    /** @return the band matching {@code value}, else the least severe band for the insurance type (null: no bands) */
    public static Severity gradeOrLeast(RuleDefinition rule, double value, String insuranceType) {
        Severity graded = rule.severityFor(value, insuranceType);
        return graded != null ? graded : least(rule, insuranceType);
    }

    private static Severity least(RuleDefinition rule, String insuranceType) {
        Severity least = null;
        for (SeverityBand b : rule.bands) {
            if (applies(b, insuranceType) && (least == null || least.isMoreSevereThan(b.severity))) {
                least = b.severity;
            }
        }
        return least;
    }

    private static boolean applies(SeverityBand b, String insuranceType) {
        return b.insuranceType.isEmpty() || b.insuranceType.equals(insuranceType);
    }
}
