package cn.hrss.monitor.simulator;

import cn.hrss.monitor.reference.RegionDirectory;
import java.util.SplittableRandom;

/** State shared by the parts of one generator: the single random source keeps the whole run seed-determined. */
final class SimContext {
    final SimulatorConfig config;
    final RegionDirectory regions;
    final SplittableRandom rng;
    final Population population;
    final Schedule schedule = new Schedule();
    final EventFactory events;
    final ScenarioLog log = new ScenarioLog();
    final long startMillis;
    final long endMillis;

    /**
     * fund-imbalance: the province (2-digit prefix) whose 110 fund runs a deficit in [deficitFrom, deficitTo), or null.
     * A province, because pension funds are pooled at provincial level and the rules watch pooling levels.
     */
    String deficitProvince;
    long deficitFrom;
    long deficitTo;

    /** source-outage: the city that is silent in [outageFrom, outageTo), or -1. */
    int outageCity = -1;
    long outageFrom;
    long outageTo;

    SimContext(SimulatorConfig config, RegionDirectory regions) {
        this.config = config;
        this.regions = regions;
        this.rng = new SplittableRandom(config.seed());
        this.population = new Population(config, regions, rng);
        this.events = new EventFactory(population);
        this.startMillis = config.simulatedStart().toEpochMilli();
        this.endMillis = startMillis + config.runLength().toMillis();
    }

    boolean inDeficit(int city, long at) {
        return deficitProvince != null && population.cityCode[city].startsWith(deficitProvince) && at >= deficitFrom
                && at < deficitTo;
    }

    boolean silenced(String countyCode, long at) {
        return outageCity >= 0 && at >= outageFrom && at < outageTo
                && population.cityOf(regions.get(countyCode).parentCode()) == outageCity;
    }

    /** @return a uniformly random duration in [0, bound) milliseconds */
    long randomMillis(long bound) {
        return bound <= 0 ? 0 : rng.nextLong(bound);
    }
}
