package cn.hrss.monitor.simulator.activity;

import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.simulator.clock.ActivityProfile;
import cn.hrss.monitor.simulator.clock.ActivityProfile.Kind;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.population.Population;
import cn.hrss.monitor.simulator.wire.EventFactory;
import cn.hrss.monitor.simulator.wire.WireEvent;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Normal business: picks what happens next (weighted by the {@link ActivityProfile} of the day and by who is
 * eligible) and to whom, and performs it.
 */
public final class BaselineActivity {
    private static final Kind[] KINDS = Kind.values();
    /** Employer rates per insurance type; flexible workers pay 20% for their pension. */
    private static final double PENSION_RATE = 0.16;
    /** Public-sector pensions are paid from a higher base: 24% keeps the 170 fund balanced like the 110 one. */
    private static final double PUBLIC_PENSION_RATE = 0.24;
    /** 2% (not the statutory 1%): the simulated population draws benefits more often than a real one. */
    private static final double UNEMPLOYMENT_RATE = 0.02;
    private static final double INJURY_RATE = 0.006;
    private static final double FLEXIBLE_PENSION_RATE = 0.20;
    /** fund-imbalance: share of the deficit city's 110 contributions that do not come in, and the payout uplift. */
    private static final double DEFICIT_CONTRIBUTION_LOSS = 0.9;
    private static final double DEFICIT_PAYOUT_FACTOR = 2.0;

    private final SimContext ctx;
    private final Population pop;
    private final EventFactory events;
    private final Lifecycle lifecycle;
    private final SplittableRandom rng;
    private final double[] weights = new double[KINDS.length];

    public BaselineActivity(SimContext ctx, Lifecycle lifecycle) {
        this.ctx = ctx;
        this.pop = ctx.population;
        this.events = ctx.events;
        this.lifecycle = lifecycle;
        this.rng = ctx.rng;
    }

    /**
     * @param family when not null, only kinds of this family are considered (so every family shows up every day)
     * @return the event, or {@code null} when the drawn kind found nobody eligible
     */
    public WireEvent next(long at, EventFamily family) {
        LocalDate day = ChinaTime.date(at);
        double total = 0;
        for (int i = 0; i < KINDS.length; i++) {
            Kind k = KINDS[i];
            weights[i] = (family == null || k.family == family) && eligible(k) ? ActivityProfile.dayWeight(k, day) : 0;
            total += weights[i];
        }
        if (total == 0) {
            return null;
        }
        double x = rng.nextDouble() * total;
        int i = 0;
        while (i < KINDS.length - 1 && (x -= weights[i]) >= 0) {
            i++;
        }
        return perform(KINDS[i], at, day);
    }

    private boolean eligible(Kind k) {
        return switch (k) {
            case PENSION -> !pop.unpaidPension.isEmpty();
            case UNEMPLOYMENT_BENEFIT -> !pop.unpaidUi.isEmpty();
            case INJURY_BENEFIT -> !pop.unpaidInjury.isEmpty();
            case GRADUATE_REGISTRATION -> !pop.students.isEmpty();
            case SEPARATION, CONTRIBUTION -> !pop.employed.isEmpty();
            case UNEMPLOYMENT_EXIT -> !pop.unemployed.isEmpty();
            case HIRE, IMPRISONMENT_RECORD -> !pop.inactive.isEmpty();
        };
    }

    private WireEvent perform(Kind kind, long at, LocalDate day) {
        return switch (kind) {
            case HIRE -> hire(at);
            case SEPARATION -> separation(at, day);
            case GRADUATE_REGISTRATION -> graduate(at);
            case UNEMPLOYMENT_EXIT -> unemploymentExit(at);
            case CONTRIBUTION -> contribution(at, day);
            case PENSION -> pension(at);
            case UNEMPLOYMENT_BENEFIT -> unemploymentBenefit(at);
            case INJURY_BENEFIT -> injuryBenefit(at);
            case IMPRISONMENT_RECORD -> imprisonment(at, day);
        };
    }

    private WireEvent hire(long at) {
        int p = pop.pickFree(rng.nextBoolean() ? pop.unemployed : pop.inactive, rng);
        // Someone paid unemployment benefit for this month starts work next month at the earliest.
        return p < 0 || pop.uiPaidMonth[p] >= pop.payMonth ? null : lifecycle.hire(at, p);
    }

    private WireEvent separation(long at, LocalDate day) {
        int p = pop.pickFree(pop.employed, rng);
        if (p < 0) {
            return null;
        }
        int retirementAge = pop.isMale(p) ? 60 : 55;
        double u = rng.nextDouble();
        String reason = pop.ageAt(p, day.toEpochDay()) >= retirementAge - 1 ? "retired"
                : u < 0.4 ? "resigned" : u < 0.7 ? "contract_ended" : u < 0.95 ? "dismissed" : "transfer_out";
        WireEvent left = lifecycle.separate(at, p, reason, rng.nextDouble() < 0.6);
        if ((reason.equals("dismissed") || reason.equals("contract_ended")) && rng.nextDouble() < 0.6) {
            lifecycle.registerLater(at + 3 * ChinaTime.DAY_MILLIS + ctx.randomMillis(17 * ChinaTime.DAY_MILLIS), p,
                    reason, 3 + rng.nextInt(10));
        }
        return left;
    }

    private WireEvent graduate(long at) {
        int p = pop.pickFree(pop.students, rng);
        if (p < 0) {
            return null;
        }
        pop.registerUnemployed(p, 0, rng);
        return events.unemployment(EventType.UNEMPLOYMENT_REGISTERED, at, p, "graduate");
    }

    private WireEvent unemploymentExit(long at) {
        int p = pop.pickFree(pop.unemployed, rng);
        if (p < 0) {
            return null;
        }
        pop.setStatus(p, Population.INACTIVE);
        return events.unemployment(EventType.UNEMPLOYMENT_DEREGISTERED, at, p,
                rng.nextDouble() < 0.7 ? "moved" : "stopped_seeking");
    }

    /** A declaration for the previous month (a few for earlier months or in advance); 1 in 10 for a whole employer. */
    private WireEvent contribution(long at, LocalDate day) {
        if (rng.nextDouble() < 0.1) {
            return employerContribution(at, day);
        }
        int p = pop.employed.pick(rng);
        int employer = pop.employerOf[p];
        byte form = pop.form[p];
        String insuranceType = form == Population.FORM_UNIT ? randomContributionType(employer) : "110";
        boolean unit = form == Population.FORM_UNIT;
        if (lostToDeficit(insuranceType, unit ? pop.employerCity(employer) : pop.personCity(p), at)) {
            return null;
        }
        double rate = unit ? contributionRate(insuranceType) : FLEXIBLE_PENSION_RATE;
        long fen = Math.max(1, Math.round(pop.wageYuan[p] * rate * 100));
        return events.contribution(at, p, employer, unit ? pop.employerCountyCode(employer) : pop.personCounty(p),
                insuranceType, EventFactory.contributorKind(form), feePeriod(day), fen);
    }

    /** The whole payroll of one employer at an average wage, without person detail. */
    private WireEvent employerContribution(long at, LocalDate day) {
        int employer = rng.nextInt(pop.employerCount);
        if (pop.headcount[employer] == 0) {
            return null;
        }
        String insuranceType = randomContributionType(employer);
        if (lostToDeficit(insuranceType, pop.employerCity(employer), at)) {
            return null;
        }
        long fen = Math.round(pop.headcount[employer] * 8000 * contributionRate(insuranceType) * 100);
        return events.contribution(at, -1, employer, pop.employerCountyCode(employer), insuranceType, "employer",
                feePeriod(day), fen);
    }

    private String randomContributionType(int employer) {
        double u = rng.nextDouble();
        return u < 0.65 ? lifecycle.pensionScheme(employer) : u < 0.85 ? "210" : "410";
    }

    private static double contributionRate(String insuranceType) {
        return switch (insuranceType) {
            case "170" -> PUBLIC_PENSION_RATE;
            case "210" -> UNEMPLOYMENT_RATE;
            case "410" -> INJURY_RATE;
            default -> PENSION_RATE;
        };
    }

    private boolean lostToDeficit(String insuranceType, int city, long at) {
        return insuranceType.equals("110") && ctx.inDeficit(city, at) && rng.nextDouble() < DEFICIT_CONTRIBUTION_LOSS;
    }

    /** Mostly the previous month; some arrears and some in advance. */
    private int feePeriod(LocalDate day) {
        double u = rng.nextDouble();
        return ChinaTime.plusMonths(ChinaTime.yearMonth(day), u < 0.90 ? -1 : u < 0.96 ? -2 : 0);
    }

    private WireEvent pension(long at) {
        int p = pop.unpaidPension.pick(rng);
        pop.unpaidPension.remove(p);
        return pensionPayment(at, p, pop.payMonth);
    }

    /** One monthly pension payment; in the deficit city the 110 payouts are raised. */
    public WireEvent pensionPayment(long at, int p, int benefitMonth) {
        String scheme = Population.PENSION_SCHEMES[pop.pensionScheme[p]];
        long fen = pop.pensionFen[p];
        if (scheme.equals("110") && ctx.inDeficit(pop.personCity(p), at)) {
            fen = Math.round(fen * DEFICIT_PAYOUT_FACTOR);
        }
        return events.benefit(at, p, scheme, "pension", benefitMonth, fen);
    }

    private WireEvent unemploymentBenefit(long at) {
        int p = pop.unpaidUi.pick(rng);
        pop.unpaidUi.remove(p);
        return unemploymentBenefitPayment(at, p, pop.payMonth);
    }

    /** One monthly unemployment benefit payment; the entitlement runs out after its last month. */
    public WireEvent unemploymentBenefitPayment(long at, int p, int benefitMonth) {
        pop.uiPaidMonth[p] = Math.max(pop.uiPaidMonth[p], benefitMonth);
        if (--pop.uiMonthsLeft[p] <= 0) {
            pop.uiRecipients.remove(p);
        }
        return events.benefit(at, p, "210", "unemployment_benefit", benefitMonth, pop.uiFen[p]);
    }

    private WireEvent injuryBenefit(long at) {
        int p = pop.unpaidInjury.pick(rng);
        pop.unpaidInjury.remove(p);
        return events.benefit(at, p, "410", "injury_benefit", pop.payMonth, pop.injuryFen[p]);
    }

    /** A court record of a prison sentence, weeks after the sentence; the person leaves every other pool. */
    private WireEvent imprisonment(long at, LocalDate day) {
        int p = pop.pickFree(pop.inactive, rng);
        if (p < 0) {
            return null;
        }
        pop.setStatus(p, Population.IMPRISONED);
        return events.record(EventType.IMPRISONMENT_RECORDED, at, p, day.minusDays(10 + rng.nextInt(80)), "court");
    }
}
