package cn.hrss.monitor.simulator.wire;

import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.simulator.population.Population;

/**
 * source-outage: the city whose sources send nothing in [from, to), if any. Nothing leaves it meanwhile, not even bad
 * input; what happens there is delivered when it resumes.
 */
public final class SourceOutage {
    private final RegionDirectory regions;
    private final Population pop;
    private int city = -1;
    private long from;
    private long to;

    public SourceOutage(RegionDirectory regions, Population pop) {
        this.regions = regions;
        this.pop = pop;
    }

    /** Silences every source in the city in [from, to). */
    public void silence(int city, long from, long to) {
        this.city = city;
        this.from = from;
        this.to = to;
    }

    /** @return whether a record filed in the county at {@code at} is held back */
    public boolean silences(String countyCode, long at) {
        return city >= 0 && at >= from && at < to && pop.cityOf(regions.get(countyCode).parentCode()) == city;
    }

    /** @return when the silent city resumes sending */
    public long resumesAt() {
        return to;
    }
}
