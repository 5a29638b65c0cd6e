package cn.hrss.monitor.warnings.detectors;

/** What the fund_months_payable detector ({@code warnings.fund}) last reported for one region and insurance type (a Flink POJO). */
public class FundMonthsPayableLevel {
    /** The month window and row version the level was read from: older rows are ignored. */
    public long windowStart;
    public long version;
    /** Severity id last reported, "" when clear. */
    public String severity = "";
    public int ruleVersion;

    public FundMonthsPayableLevel() {}
}
