package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionLevel;
import cn.hrss.monitor.simulator.activity.BaselineActivity;
import cn.hrss.monitor.simulator.activity.Lifecycle;
import cn.hrss.monitor.simulator.activity.Mortality;
import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.config.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Places the enabled scenarios in distinct large cities and in time. Fund-imbalance runs from the start (it needs
 * whole months), and the others start one after another between 10% and 60% of the run, each lasting at most a
 * quarter of it (source-outage up to 2 days, the others up to 2-3 days).
 */
public final class ScenarioPlanner {
    /** Scenarios are placed in the largest cities, where the simulated population is big enough to show them. */
    private static final int CANDIDATE_CITIES = 40;

    private ScenarioPlanner() {}

    /**
     * Builds the scripts of the enabled scenarios and schedules their starts.
     *
     * @return the log each scenario is entered in when it starts
     */
    public static ScenarioLog plan(SimContext ctx, Lifecycle lifecycle, BaselineActivity baseline, Mortality mortality) {
        Set<Scenario> enabled = ctx.config.scenarios();
        List<Integer> candidates = largestCities(ctx);
        Set<Integer> used = new HashSet<>();
        List<ScenarioScript> scripts = new ArrayList<>();
        // The silent city is chosen first and excluded for the others, whose events it would swallow.
        List<Scenario> order = new ArrayList<>();
        if (enabled.contains(Scenario.SOURCE_OUTAGE)) {
            order.add(Scenario.SOURCE_OUTAGE);
        }
        for (Scenario s : Scenario.values()) {
            if (enabled.contains(s) && s != Scenario.SOURCE_OUTAGE) {
                order.add(s);
            }
        }
        for (Scenario s : order) {
            int city = pickCity(ctx, candidates, used);
            scripts.add(switch (s) {
                case MASS_LAYOFF -> new MassLayoffScript(ctx, lifecycle, city);
                case FUND_IMBALANCE -> new FundImbalanceScript(ctx, city);
                case UNEMPLOYMENT_SURGE -> new UnemploymentSurgeScript(ctx, lifecycle, city);
                case BENEFIT_AFTER_DEATH -> new BenefitAfterDeathScript(ctx, baseline, mortality, city);
                case UI_WHILE_EMPLOYED -> new UiWhileEmployedScript(ctx, baseline, lifecycle, city);
                case SOURCE_OUTAGE -> new SourceOutageScript(ctx, city);
            });
        }
        scripts.sort(Comparator.comparing(ScenarioScript::scenario));
        long run = ctx.config.runLength().toMillis();
        List<ScenarioScript> spread = scripts.stream().filter(s -> s.scenario() != Scenario.FUND_IMBALANCE).toList();
        ScenarioLog log = new ScenarioLog();
        for (ScenarioScript script : scripts) {
            long offset;
            long span;
            if (script.scenario() == Scenario.FUND_IMBALANCE) {
                offset = 0;
                span = Math.max(run, ChinaTime.HOUR_MILLIS);
            } else {
                int i = spread.indexOf(script);
                offset = (long) (run * (0.1 + 0.5 * i / Math.max(1, spread.size() - 1)));
                span = Math.min(maxSpan(script.scenario(), ctx.config.timeScale()), run / 4);
            }
            ctx.schedule.at(ctx.startMillis + offset, t -> {
                log.add(script.start(t, span));
                return null;
            });
        }
        return log;
    }

    private static long maxSpan(Scenario s, double timeScale) {
        return switch (s) {
            case MASS_LAYOFF, UNEMPLOYMENT_SURGE -> 3 * ChinaTime.DAY_MILLIS;
            // Absence of data is noticed on the wall clock: however fast simulated time runs, the silence must last
            // long enough in real seconds to be seen (45 s, against the demo catalog's 20 s expected gap).
            case SOURCE_OUTAGE -> Math.max(2 * ChinaTime.DAY_MILLIS, (long) (OUTAGE_WALL_MILLIS * timeScale));
            default -> 2 * ChinaTime.DAY_MILLIS;
        };
    }

    private static final long OUTAGE_WALL_MILLIS = 45_000;

    private static List<Integer> largestCities(SimContext ctx) {
        return ctx.regions.atLevel(RegionLevel.CITY).stream()
                .sorted(Comparator.comparingLong(Region::population).reversed().thenComparing(Region::code))
                .limit(CANDIDATE_CITIES)
                .map(r -> ctx.population.cityOf(r.code()))
                .toList();
    }

    private static int pickCity(SimContext ctx, List<Integer> candidates, Set<Integer> used) {
        List<Integer> free = candidates.stream().filter(c -> !used.contains(c)).toList();
        int city = free.get(ctx.rng.nextInt(free.size()));
        used.add(city);
        return city;
    }
}
