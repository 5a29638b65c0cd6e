package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.simulator.activity.Lifecycle;
import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.population.Population;
import cn.hrss.monitor.simulator.wire.WireEvent;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * mass-layoff: an employer of 180-260 insured staff lets at least 25 of them (and at least 15%) go within the span,
 * reason "layoff"; 70% register as unemployed (reason "dismissed") a few days later.
 */
final class MassLayoffScript extends ScenarioScript {
    private static final long DAY = ChinaTime.DAY_MILLIS;

    private final Lifecycle lifecycle;
    private final int employer;

    MassLayoffScript(SimContext ctx, Lifecycle lifecycle, int city) {
        super(Scenario.MASS_LAYOFF, ctx, city);
        this.lifecycle = lifecycle;
        this.employer = largestPrivateEmployer();
        growTo(180 + ctx.rng.nextInt(81));
    }

    private int largestPrivateEmployer() {
        int best = -1;
        for (int e = 0; e < pop.employerCount; e++) {
            if (pop.employerCity(e) == city && !pop.publicSector[e] && (best < 0 || pop.headcount[e] > pop.headcount[best])) {
                best = e;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no private employer in city " + pop.cityCode[city]);
        }
        return best;
    }

    /** Before the run the employer grew by hiring residents of its city (no events: that is history). */
    private void growTo(int target) {
        for (int p : pop.residentsOfCity(city)) {
            if (pop.headcount[employer] >= target) {
                return;
            }
            boolean workingAge = pop.status[p] == Population.EMPLOYED && pop.form[p] == Population.FORM_UNIT
                    && pop.employerOf[p] != employer
                    || pop.status[p] == Population.INACTIVE || pop.status[p] == Population.UNEMPLOYED;
            if (workingAge && !pop.reserved[p]) {
                pop.employ(p, employer, Population.FORM_UNIT, ctx.rng);
            }
        }
    }

    @Override
    Injected inject(long at, long span) {
        List<Integer> staff = pop.employeesOf(employer);
        int headcount = staff.size();
        int layoffs = Math.min(headcount - 1, Math.max(25, (int) Math.ceil(0.15 * headcount)));
        Collections.shuffle(staff, new Random(ctx.rng.nextLong()));
        for (int p : staff.subList(0, layoffs)) {
            pop.reserved[p] = true;
            long leaveAt = at + ctx.randomMillis(span);
            ctx.schedule.at(leaveAt, t -> {
                if (pop.status[p] != Population.EMPLOYED || pop.employerOf[p] != employer) {
                    pop.reserved[p] = false;
                    return null;
                }
                WireEvent left = lifecycle.separate(t, p, "layoff", true);
                if (ctx.rng.nextDouble() < 0.7) {
                    lifecycle.registerLater(t + DAY + ctx.randomMillis(2 * DAY), p, "dismissed", 6 + ctx.rng.nextInt(7));
                } else {
                    pop.reserved[p] = false;
                }
                return left;
            });
        }
        return new Injected(pop.employerCountyCode(employer), pop.uscc[employer], layoffs,
                "employer with " + headcount + " insured staff lets " + layoffs + " go (insured.left reason layoff)");
    }
}
