package cn.hrss.monitor.simulator.wire;

import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.population.Population;
import java.time.LocalDate;

/**
 * Builds contract events from the population's state. Pure: it changes no state, so bad-input samples can use it
 * too. Person events are keyed by the simulator's person number and employer-level events by its employer number;
 * a citizen ID never becomes a key.
 */
public final class EventFactory {
    private static final String SOURCE_EMPLOYMENT = "employment-registry";
    private static final String SOURCE_UNEMPLOYMENT = "unemployment-registry";
    private static final String SOURCE_INSURANCE = "insurance-registry";
    private static final String SOURCE_CONTRIBUTION = "contribution-collection";
    private static final String SOURCE_BENEFIT = "benefit-payment";
    private static final String SOURCE_DEATH = "death-record-exchange";

    private final Population pop;

    public EventFactory(Population pop) {
        this.pop = pop;
    }

    /** @return where a person's employment is filed: the employer's county, or their own if self-employed */
    String workCounty(int p, int employer) {
        return employer >= 0 ? pop.employerCountyCode(employer) : pop.personCounty(p);
    }

    String workUscc(int p, int employer) {
        return employer >= 0 ? pop.uscc[employer] : pop.selfEmployedUscc(p);
    }

    public WireEvent employment(EventType type, long at, int p, int employer, byte form, String reason) {
        WireEvent e = new WireEvent(type, at, personKey(p), workCounty(p, employer), SOURCE_EMPLOYMENT);
        e.personId = pop.citizenId[p];
        e.employerUscc = workUscc(p, employer);
        e.employmentForm = Population.FORM_NAMES[form];
        e.reason = reason;
        return e;
    }

    public WireEvent insured(EventType type, long at, int p, int employer, String insuranceType, String reason,
                      String contributorKind, boolean withHeadcount) {
        WireEvent e = new WireEvent(type, at, personKey(p), workCounty(p, employer), SOURCE_INSURANCE);
        e.personId = pop.citizenId[p];
        e.employerUscc = workUscc(p, employer);
        e.insuranceType = insuranceType;
        e.reason = reason;
        e.contributorKind = contributorKind;
        if (withHeadcount && employer >= 0) {
            e.employerHeadcount = pop.headcount[employer];
        }
        return e;
    }

    public WireEvent unemployment(EventType type, long at, int p, String reason) {
        WireEvent e = new WireEvent(type, at, personKey(p), pop.personCounty(p), SOURCE_UNEMPLOYMENT);
        e.personId = pop.citizenId[p];
        e.reason = reason;
        return e;
    }

    /** A contribution for one person ({@code p >= 0}) or an employer-level batch ({@code p < 0}). */
    public WireEvent contribution(long at, int p, int employer, String regionCode, String insuranceType,
                           String contributorKind, int feePeriod, long amountFen) {
        String key = p >= 0 ? personKey(p) : "e" + employer;
        WireEvent e = new WireEvent(EventType.CONTRIBUTION_PAID, at, key, regionCode, SOURCE_CONTRIBUTION);
        e.personId = p >= 0 ? pop.citizenId[p] : null;
        e.employerUscc = p >= 0 ? workUscc(p, employer) : pop.uscc[employer];
        e.insuranceType = insuranceType;
        e.contributorKind = contributorKind;
        e.feePeriod = Integer.toString(feePeriod);
        e.amountFen = amountFen;
        return e;
    }

    /** Benefits are paid in monthly batches per city, scheme and payout day. */
    public WireEvent benefit(long at, int p, String insuranceType, String item, int benefitMonth, long amountFen) {
        WireEvent e = new WireEvent(EventType.BENEFIT_PAID, at, personKey(p), pop.personCounty(p), SOURCE_BENEFIT);
        e.personId = pop.citizenId[p];
        e.insuranceType = insuranceType;
        e.benefitItem = item;
        e.benefitMonth = Integer.toString(benefitMonth);
        e.amountFen = amountFen;
        LocalDate day = ChinaTime.date(at);
        e.batchId = "B" + insuranceType + "-" + pop.cityCode[pop.personCity(p)] + "-" + benefitMonth + "-"
                + (day.getDayOfMonth() < 10 ? "0" : "") + day.getDayOfMonth();
        return e;
    }

    public WireEvent record(EventType type, long at, int p, LocalDate recordDate, String recordSource) {
        WireEvent e = new WireEvent(type, at, personKey(p), pop.personCounty(p), SOURCE_DEATH);
        e.personId = pop.citizenId[p];
        e.recordDate = recordDate.toString();
        e.recordSource = recordSource;
        return e;
    }

    /** @return the contract's contributorKind for a person in this employment form */
    public static String contributorKind(byte form) {
        return switch (form) {
            case Population.FORM_FLEXIBLE -> "flexible";
            case Population.FORM_SELF_EMPLOYED -> "individual";
            default -> "employer";
        };
    }

    static String personKey(int p) {
        return "p" + p;
    }
}
