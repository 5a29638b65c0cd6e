package cn.hrss.monitor.simulator.activity;

import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.simulator.clock.Schedule;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.population.Population;
import cn.hrss.monitor.simulator.wire.EventFactory;
import cn.hrss.monitor.simulator.wire.SourceOutage;
import cn.hrss.monitor.simulator.wire.WireEvent;
import java.util.SplittableRandom;

/** State shared by the parts of one generator: the single random source keeps the whole run seed-determined. */
public final class SimContext {
    public final SimulatorConfig config;
    public final RegionDirectory regions;
    public final SplittableRandom rng;
    public final Population population;
    public final Schedule<WireEvent> schedule = new Schedule<>();
    public final EventFactory events;
    public final SourceOutage outage;
    public final long startMillis;

    /**
     * fund-imbalance: the province (2-digit prefix) whose 110 fund runs a deficit in [deficitFrom, deficitTo), or null.
     * A province, because pension funds are pooled at provincial level and the rules watch pooling levels.
     */
    private String deficitProvince;
    private long deficitFrom;
    private long deficitTo;

    public SimContext(SimulatorConfig config, RegionDirectory regions) {
        this.config = config;
        this.regions = regions;
        this.rng = new SplittableRandom(config.seed());
        this.population = new Population(config, regions, rng);
        this.events = new EventFactory(population);
        this.outage = new SourceOutage(regions, population);
        this.startMillis = config.simulatedStart().toEpochMilli();
    }

    /** fund-imbalance: the province's 110 fund runs a deficit in [from, to). */
    public void putInDeficit(String province, long from, long to) {
        deficitProvince = province;
        deficitFrom = from;
        deficitTo = to;
    }

    boolean inDeficit(int city, long at) {
        return deficitProvince != null && population.cityCode[city].startsWith(deficitProvince) && at >= deficitFrom
                && at < deficitTo;
    }

    /** @return a uniformly random duration in [0, bound) milliseconds */
    public long randomMillis(long bound) {
        return bound <= 0 ? 0 : rng.nextLong(bound);
    }
}
