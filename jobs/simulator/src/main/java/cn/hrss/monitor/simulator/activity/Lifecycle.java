package cn.hrss.monitor.simulator.activity;

import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.population.Population;
import cn.hrss.monitor.simulator.wire.EventFactory;
import cn.hrss.monitor.simulator.wire.WireEvent;
import java.util.SplittableRandom;

/**
 * Life events that change a person's state, with the events they cause: the first one is returned to emit now, the
 * follow-ups (filed days later by other offices) are scheduled. Shared by baseline activity and scenarios.
 */
public final class Lifecycle {
    private static final long DAY = ChinaTime.DAY_MILLIS;

    private final SimContext ctx;
    private final Population pop;
    private final EventFactory events;
    private final SplittableRandom rng;

    public Lifecycle(SimContext ctx) {
        this.ctx = ctx;
        this.pop = ctx.population;
        this.events = ctx.events;
        this.rng = ctx.rng;
    }

    /** Hires a job seeker in their city: employment registration now, insurance enrolment within 5 days. */
    WireEvent hire(long at, int p) {
        boolean wasRegisteredUnemployed = pop.status[p] == Population.UNEMPLOYED;
        byte form = Population.randomForm(rng);
        pop.employ(p, pop.pickEmployerInCity(pop.personCity(p), rng), form, rng);
        int employer = pop.employerOf[p];
        if (wasRegisteredUnemployed) {
            ctx.schedule.at(at + DAY + ctx.randomMillis(9 * DAY),
                    t -> events.unemployment(EventType.UNEMPLOYMENT_DEREGISTERED, t, p, "reemployed"));
        }
        boolean withHeadcount = rng.nextDouble() < 0.6;
        ctx.schedule.at(at + ctx.randomMillis(5 * DAY), t -> pop.status[p] == Population.EMPLOYED
                && pop.employerOf[p] == employer
                ? events.insured(EventType.INSURED_ENROLLED, t, p, employer, pensionScheme(employer), "new_hire",
                        EventFactory.contributorKind(form), withHeadcount)
                : null);
        return events.employment(EventType.EMPLOYMENT_REGISTERED, at, p, employer, form, null);
    }

    /**
     * Ends an employment: the insurance leave (减员) now, the employment termination within 3 days. The person becomes
     * a pensioner when the reason is "retired", else inactive until they register as unemployed (if they do).
     */
    public WireEvent separate(long at, int p, String reason, boolean withHeadcount) {
        int employer = pop.employerOf[p];
        byte form = pop.form[p];
        String scheme = pensionScheme(employer);
        if (reason.equals("retired")) {
            pop.retire(p, scheme.equals("170") ? 1 : 0, rng);
        } else {
            pop.setStatus(p, Population.INACTIVE);
        }
        ctx.schedule.at(at + ctx.randomMillis(3 * DAY),
                t -> events.employment(EventType.EMPLOYMENT_TERMINATED, t, p, employer, form, reason));
        return events.insured(EventType.INSURED_LEFT, at, p, employer, scheme, reason, null, withHeadcount);
    }

    /**
     * Schedules an unemployment registration; it happens only if the person is still without work then. Releases a
     * scenario's hold on the person.
     */
    public void registerLater(long at, int p, String reason, int benefitMonths) {
        ctx.schedule.at(at, t -> {
            pop.reserved[p] = false;
            if (pop.status[p] != Population.INACTIVE) {
                return null;
            }
            pop.registerUnemployed(p, benefitMonths, rng);
            return events.unemployment(EventType.UNEMPLOYMENT_REGISTERED, t, p, reason);
        });
    }

    /** @return the pension scheme an employer's staff are insured in: 170 for public institutions, else 110 */
    public String pensionScheme(int employer) {
        return employer >= 0 && pop.publicSector[employer] ? "170" : "110";
    }
}
