package cn.hrss.monitor.indicators;

/**
 * A window's tallies as of one firing: {@link #total} for the indicator rows, {@link #delta} (the change since the
 * window's previous firing) for the longer windows built on top of this one, so a late correction is added once.
 */
public class WindowedTallies {
    public String period;
    public long windowStart;
    public long windowEnd;
    /** The event time this firing reflects: the watermark when it fired, bounded by the window. */
    public long asOf;
    public Tallies total;
    public Tallies delta;
    /** What the window's previous firing showed (empty on the first): a value equal to it needs no new row. */
    public Tallies baseline;
    /** 1 for the first firing of the window, then 2, 3, ... : the row version in ClickHouse. */
    public long version;

    public WindowedTallies() {}

    @Override
    public String toString() {
        return period + "[" + windowStart + "," + windowEnd + ") v" + version + " " + total;
    }
}
