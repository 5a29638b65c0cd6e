package cn.hrss.monitor.warnings.absence;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.reference.RegionLevel;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys accepted events by what a data_absence rule watches ({@code scopeBy}): the source, i.e. the event family
 * whose topic carries it ({@code benefit}, {@code death}, ...), or the region rolled up to its city (a province- or
 * nation-level event keeps its own code).
 */
public final class DataAbsenceScope implements KeySelector<Event, String> {
    public static final String BY_SOURCE = "source";
    public static final String BY_REGION = "region";

    private final String scopeBy;
    private transient RegionDirectory regions;

    public DataAbsenceScope(String scopeBy) {
        if (!BY_SOURCE.equals(scopeBy) && !BY_REGION.equals(scopeBy)) {
            throw new IllegalArgumentException("data_absence scopeBy must be source or region, not '" + scopeBy + "'");
        }
        this.scopeBy = scopeBy;
    }

    @Override
    public String getKey(Event e) {
        if (regions == null) {
            regions = RegionDirectory.loadDefault();
        }
        return scopeOf(e, scopeBy, regions);
    }

    static String scopeOf(Event e, String scopeBy, RegionDirectory regions) {
        if (BY_SOURCE.equals(scopeBy)) {
            return e.type.family.id;
        }
        for (Region r : regions.rollup(e.regionCode)) {
            if (r.level() == RegionLevel.CITY) {
                return r.code();
            }
        }
        return e.regionCode;
    }
}
