package cn.hrss.monitor.warnings.rules;

import cn.hrss.monitor.warnings.Severity;
import java.io.Serializable;

/**
 * One band of a rule: the severity when the observed value is below {@link #below} and/or at least {@link #atLeast},
 * optionally only for one insurance type. Bands of a rule are checked most severe first.
 */
public class SeverityBand implements Serializable {
    public Severity severity;
    /** Matches values strictly below this, or null for no upper bound. */
    public Double below;
    /** Matches values at or above this, or null for no lower bound. */
    public Double atLeast;
    /** AAE140 code this band applies to, or "" for all. */
    public String insuranceType = "";

    public SeverityBand() {}

    public SeverityBand(Severity severity, Double below, Double atLeast, String insuranceType) {
        this.severity = severity;
        this.below = below;
        this.atLeast = atLeast;
        this.insuranceType = insuranceType == null ? "" : insuranceType;
    }

    public boolean matches(double value, String insurance) {
        if (!insuranceType.isEmpty() && !insuranceType.equals(insurance)) {
            return false;
        }
        return (below == null || value < below) && (atLeast == null || value >= atLeast);
    }

    @Override
    public String toString() {
        return severity.id + (below != null ? " <" + below : "") + (atLeast != null ? " >=" + atLeast : "")
                + (insuranceType.isEmpty() ? "" : " [" + insuranceType + "]");
    }
}
