package cn.hrss.monitor.simulator;

import cn.hrss.monitor.events.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * ui-while-employed: five recipients of unemployment benefit in a city are enrolled in insurance by an employer
 * (contributorKind employer) without deregistering, and are then paid unemployment benefit for the month of the
 * enrolment.
 */
final class UiWhileEmployedScript implements ScenarioScript {
    private static final int PERSONS = 5;

    private final SimContext ctx;
    private final BaselineActivity baseline;
    private final Lifecycle lifecycle;
    private final Population pop;
    private final int city;

    UiWhileEmployedScript(SimContext ctx, BaselineActivity baseline, Lifecycle lifecycle, int city) {
        this.ctx = ctx;
        this.baseline = baseline;
        this.lifecycle = lifecycle;
        this.pop = ctx.population;
        this.city = city;
    }

    @Override
    public Scenario scenario() {
        return Scenario.UI_WHILE_EMPLOYED;
    }

    @Override
    public int city() {
        return city;
    }

    @Override
    public void start(long at, long span) {
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
        ctx.log.add(new ScenarioLog.Entry(scenario(), pop.cityCode[city], null, Instant.ofEpochMilli(at),
                Instant.ofEpochMilli(at + span), chosen.size(),
                chosen.size() + " unemployment benefit recipients are enrolled by an employer and still paid"));
    }
}
