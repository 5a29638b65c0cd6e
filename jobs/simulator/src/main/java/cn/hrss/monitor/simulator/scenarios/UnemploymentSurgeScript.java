package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.simulator.activity.Lifecycle;
import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.population.Population;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * unemployment-surge: in the most populous county of a city, about four times the baseline number of extra
 * unemployment registrations (so about five times baseline in total, at least 60) within the span. Each comes from a
 * local job loss (insured.left and employment.terminated, reason "closure") a few hours earlier.
 */
final class UnemploymentSurgeScript extends ScenarioScript {
    /** Rough share of unemployment registrations among all records, for the baseline estimate. */
    private static final double REGISTRATION_SHARE = 0.03;

    private final Lifecycle lifecycle;
    private final int county;

    UnemploymentSurgeScript(SimContext ctx, Lifecycle lifecycle, int city) {
        super(Scenario.UNEMPLOYMENT_SURGE, ctx, city);
        this.lifecycle = lifecycle;
        int[] residents = new int[pop.countyCode.length];
        int best = -1;
        for (int p : pop.residentsOfCity(city)) {
            int c = pop.county[p];
            if (++residents[c] > (best < 0 ? 0 : residents[best])) {
                best = c;
            }
        }
        this.county = best;
    }

    @Override
    Injected inject(long at, long span) {
        List<Integer> candidates = new ArrayList<>();
        for (int p = 0; p < pop.persons; p++) {
            if (pop.county[p] == county && pop.status[p] == Population.EMPLOYED && pop.form[p] == Population.FORM_UNIT
                    && !pop.reserved[p]) {
                candidates.add(p);
            }
        }
        double countyShare = (double) countResidents() / pop.persons;
        double recordsPerDay = ChinaTime.DAY_MILLIS / ctx.config.simulatedMillisPerRecord();
        double baseline = recordsPerDay * REGISTRATION_SHARE * countyShare * span / ChinaTime.DAY_MILLIS;
        int extra = Math.min(candidates.size(), Math.max(60, (int) Math.round(4 * baseline)));
        Collections.shuffle(candidates, new Random(ctx.rng.nextLong()));
        long registrationDelay = Math.min(6 * ChinaTime.HOUR_MILLIS, span / 4);
        for (int p : candidates.subList(0, extra)) {
            pop.reserved[p] = true;
            long registerAt = at + registrationDelay + ctx.randomMillis(span - registrationDelay);
            ctx.schedule.at(registerAt - registrationDelay, t -> {
                if (pop.status[p] != Population.EMPLOYED) {
                    pop.reserved[p] = false;
                    return null;
                }
                lifecycle.registerLater(registerAt, p, "closure", 6 + ctx.rng.nextInt(7));
                return lifecycle.separate(t, p, "closure", ctx.rng.nextDouble() < 0.6);
            });
        }
        return new Injected(pop.countyCode[county], extra,
                extra + " extra unemployment registrations (reason closure) against about "
                        + Math.round(baseline) + " expected");
    }

    private int countResidents() {
        int n = 0;
        for (int p = 0; p < pop.persons; p++) {
            if (pop.county[p] == county) {
                n++;
            }
        }
        return n;
    }
}
