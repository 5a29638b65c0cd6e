package cn.hrss.monitor.warnings.detectors;

import java.util.HashMap;
import java.util.Map;

/**
 * One employer as the mass_layoff rule sees it (a Flink POJO): persons who left in the rolling window, its latest
 * known headcount, and what was reported. Also what the county stage receives about each of its employers.
 */
public class MassLayoffEmployer {
    public String uscc;
    public String countyCode = "";
    /** Distinct persons who left within the window ending at {@link #windowEnd}; 0 once the window has no one. */
    public long departures;
    public long windowStart;
    public long windowEnd;
    public long version;
    /** Latest headcount reported on an insured event, 0 when unknown; and when it was reported. */
    public int headcount;
    public long headcountAt;
    /** Rule id → severity id reported while the employer's condition holds. */
    public Map<String, String> holding = new HashMap<>();
    public long lastObservedAt;

    public MassLayoffEmployer() {}

    /** @return departures as a share of headcount, or -1 when the headcount is unknown */
    public double share() {
        return headcount > 0 ? (double) departures / headcount : -1;
    }

    /** The part the county stage needs. */
    public MassLayoffEmployer forCounty() {
        MassLayoffEmployer e = new MassLayoffEmployer();
        e.uscc = uscc;
        e.countyCode = countyCode;
        e.departures = departures;
        e.windowStart = windowStart;
        e.windowEnd = windowEnd;
        e.headcount = headcount;
        return e;
    }
}
