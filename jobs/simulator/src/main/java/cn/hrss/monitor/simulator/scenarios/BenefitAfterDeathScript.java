package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.simulator.activity.BaselineActivity;
import cn.hrss.monitor.simulator.activity.Mortality;
import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.population.Population;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * benefit-after-death: six enterprise pensioners of a city died 35-60 days before the start (so in an earlier month)
 * but are still paid their pension for the current month early in the span; their death records arrive at the end
 * of the span in one civil-affairs batch.
 */
final class BenefitAfterDeathScript extends ScenarioScript {
    private static final int VICTIMS = 6;

    private final BaselineActivity baseline;
    private final Mortality mortality;

    BenefitAfterDeathScript(SimContext ctx, BaselineActivity baseline, Mortality mortality, int city) {
        super(Scenario.BENEFIT_AFTER_DEATH, ctx, city);
        this.baseline = baseline;
        this.mortality = mortality;
    }

    @Override
    Injected inject(long at, long span) {
        List<Integer> candidates = new ArrayList<>();
        for (int p : pop.residentsOfCity(city)) {
            if (pop.status[p] == Population.PENSIONER && pop.pensionScheme[p] == 0 && pop.unpaidPension.contains(p)
                    && !pop.reserved[p]) {
                candidates.add(p);
            }
        }
        Collections.shuffle(candidates, new Random(ctx.rng.nextLong()));
        List<Integer> victims = candidates.subList(0, Math.min(VICTIMS, candidates.size()));
        int month = pop.payMonth;
        long recordsArrive = at + span - 600_000;
        for (int p : victims) {
            pop.reserved[p] = true;
            pop.unpaidPension.remove(p);
            LocalDate death = ChinaTime.date(at).minusDays(35 + ctx.rng.nextInt(26));
            ctx.schedule.at(at + ctx.randomMillis(span / 2), t -> baseline.pensionPayment(t, p, month));
            mortality.scheduleRecord(p, death, "civil_affairs", recordsArrive + ctx.randomMillis(600_000));
        }
        return new Injected(pop.cityCode[city], victims.size(),
                victims.size() + " pensioners who died in an earlier month are paid the pension for " + month
                        + "; their death records arrive at the end");
    }
}
