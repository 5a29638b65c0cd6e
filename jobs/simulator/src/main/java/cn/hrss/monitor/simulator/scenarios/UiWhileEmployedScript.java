package cn.hrss.monitor.simulator.scenarios;

import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.simulator.activity.BaselineActivity;
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
 * ui-while-employed: five recipients of unemployment benefit in a city are enrolled in insurance by an employer
 * (contributorKind employer) without deregistering, and are then paid unemployment benefit for the month of the
 * enrolment.
 */
final class UiWhileEmployedScript extends ScenarioScript {
    private static final int PERSONS = 5;

    private final BaselineActivity baseline;
    private final Lifecycle lifecycle;

    UiWhileEmployedScript(SimContext ctx, BaselineActivity baseline, Lifecycle lifecycle, int city) {
        super(Scenario.UI_WHILE_EMPLOYED, ctx, city);
        this.baseline = baseline;
        this.lifecycle = lifecycle;
    }

    @Override
    Injected inject(long at, long span) {
        // Preferably recipients not yet paid this month; else registered unemployed who just became entitled.
        List<Integer> unpaid = new ArrayList<>();
        List<Integer> newlyEntitled = new ArrayList<>();
        for (int p : pop.residentsOfCity(city)) {
            if (pop.reserved[p] || pop.status[p] != Population.UNEMPLOYED) {
                continue;
            }
            if (pop.unpaidUi.contains(p) && pop.uiMonthsLeft[p] >= 2) {
                unpaid.add(p);
            } else if (!pop.uiRecipients.contains(p)) {
                newlyEntitled.add(p);
            }
        }
        Random shuffler = new Random(ctx.rng.nextLong());
        Collections.shuffle(unpaid, shuffler);
        Collections.shuffle(newlyEntitled, shuffler);
        List<Integer> chosen = new ArrayList<>(unpaid.subList(0, Math.min(PERSONS, unpaid.size())));
        for (int p : newlyEntitled.subList(0, Math.min(PERSONS - chosen.size(), newlyEntitled.size()))) {
            pop.registerUnemployed(p, 6, ctx.rng);
            chosen.add(p);
        }
        for (int p : chosen) {
            // Stays registered as unemployed (the fraud), but baseline activity no longer touches them.
            pop.reserved[p] = true;
            pop.unpaidUi.remove(p);
            int employer = pop.pickEmployerInCity(city, ctx.rng);
            long enrolAt = at + ctx.randomMillis(span / 3);
            long paidAt = enrolAt + 1 + ctx.randomMillis(at + span - enrolAt - 1);
            int month = ChinaTime.yearMonth(ChinaTime.date(enrolAt));
            ctx.schedule.at(enrolAt, t -> ctx.events.insured(EventType.INSURED_ENROLLED, t, p, employer,
                    lifecycle.pensionScheme(employer), "new_hire", "employer", true));
            ctx.schedule.at(paidAt, t -> baseline.unemploymentBenefitPayment(t, p, month));
        }
        return new Injected(pop.cityCode[city], chosen.size(),
                chosen.size() + " unemployment benefit recipients are enrolled by an employer and still paid");
    }
}
