package cn.hrss.monitor.indicators;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * What one event adds to the flow indicators, at the event's own region. {@link HourlyPreAggregation} sums these per
 * hour and rolls the sums up the region's levels (city, province, nation), so every level is summed by the same
 * windows, while each event is counted once here rather than once per level.
 */
public final class EventTallies extends RichFlatMapFunction<Event, Tallies> {
    private transient RegionDirectory regions;

    @Override
    public void open(OpenContext openContext) {
        regions = RegionDirectory.loadDefault();
    }

    @Override
    public void flatMap(Event e, Collector<Tallies> out) {
        String insuranceType = "";
        Tallies unit = new Tallies();
        switch (e.type) {
            case EMPLOYMENT_REGISTERED -> unit.employmentRegistrations = 1;
            case EMPLOYMENT_TERMINATED -> unit.employmentTerminations = 1;
            case UNEMPLOYMENT_REGISTERED -> unit.unemploymentRegistrations = 1;
            case UNEMPLOYMENT_DEREGISTERED -> unit.unemploymentDeregistrations = 1;
            case INSURED_ENROLLED -> {
                unit.insuredEnrolments = 1;
                insuranceType = e.insuranceType;
            }
            case INSURED_LEFT -> {
                unit.insuredDepartures = 1;
                insuranceType = e.insuranceType;
            }
            case CONTRIBUTION_PAID -> {
                unit.incomeFen = e.amountFen;
                insuranceType = e.insuranceType;
            }
            case BENEFIT_PAID -> {
                unit.outflowFen = e.amountFen;
                insuranceType = e.insuranceType;
            }
            default -> {
                return; // death and imprisonment records feed the fraud rules, not the flow indicators
            }
        }
        Region region = regions.get(e.regionCode);
        if (region == null) {
            return; // ingestion rejects codes not in the directory; without a region there are no levels to count at
        }
        unit.regionCode = region.code();
        unit.regionLevel = region.level().id();
        unit.insuranceType = insuranceType;
        out.collect(unit);
    }

    /** Emits {@code unit}'s counters once per roll-up level of {@code regionCode}. */
    static void emitForEachLevel(
            RegionDirectory regions, String regionCode, String insuranceType, Tallies unit, Collector<Tallies> out) {
        for (Region r : regions.rollup(regionCode)) {
            Tallies t = Tallies.scope(r.code(), r.level().id(), insuranceType);
            out.collect(t.add(unit, 1));
        }
    }
}
