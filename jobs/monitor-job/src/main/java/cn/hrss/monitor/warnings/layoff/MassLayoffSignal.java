package cn.hrss.monitor.warnings.layoff;

import cn.hrss.monitor.indicators.IndicatorRow;

/**
 * What the employer stage of mass_layoff learns about one employer (a Flink POJO): either its rolling departures
 * ({@link #departures}, an {@code employer_departures} row) or its headcount as an insured event reported it.
 */
public class MassLayoffSignal {
    public String uscc;
    /** The departures row, or null for a headcount signal. */
    public IndicatorRow departures;
    public int headcount;
    /** Event time of the headcount report. */
    public long at;

    public MassLayoffSignal() {}

    static MassLayoffSignal departures(IndicatorRow row) {
        MassLayoffSignal s = new MassLayoffSignal();
        s.uscc = row.subject;
        s.departures = row;
        return s;
    }

    static MassLayoffSignal headcount(String uscc, int headcount, long at) {
        MassLayoffSignal s = new MassLayoffSignal();
        s.uscc = uscc;
        s.headcount = headcount;
        s.at = at;
        return s;
    }
}
