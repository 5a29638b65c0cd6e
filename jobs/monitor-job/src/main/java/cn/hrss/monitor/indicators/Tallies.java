package cn.hrss.monitor.indicators;

/**
 * Additive counters of one scope (region × insurance type) over some span of event time. Every flow indicator is
 * one of these sums or a ratio of them, so one accumulator serves all windows: hourly windows add events, longer
 * windows add hourly tallies. Money is in fen (long): exact.
 */
public class Tallies {
    /** Scope: region (any level) and AAE140 insurance type, "" for the person-flow families. */
    public String regionCode;
    public String regionLevel;
    public String insuranceType;
    /** The employer (USCC) for employer-level tallies, "" for regional ones. */
    public String employerUscc = "";

    public long employmentRegistrations;
    public long employmentTerminations;
    public long unemploymentRegistrations;
    public long unemploymentDeregistrations;
    public long insuredEnrolments;
    public long insuredDepartures;
    public long incomeFen;
    public long outflowFen;
    /** Persons paid unemployment benefit for the first time in a calendar month (distinct per month by construction). */
    public long benefitRecipientsFirstInMonth;
    /** Distinct persons who left an employer (减员), each counted once per 30 days; employer scopes only. */
    public long departedPersons;

    public Tallies() {}

    public static Tallies scope(String regionCode, String regionLevel, String insuranceType) {
        Tallies t = new Tallies();
        t.regionCode = regionCode;
        t.regionLevel = regionLevel;
        t.insuranceType = insuranceType;
        return t;
    }

    public static Tallies employerScope(String regionCode, String regionLevel, String employerUscc) {
        Tallies t = scope(regionCode, regionLevel, "");
        t.employerUscc = employerUscc;
        return t;
    }

    public String scopeKey() {
        return regionCode + '|' + insuranceType + '|' + employerUscc;
    }

    public Tallies emptyCopyOfScope() {
        Tallies t = scope(regionCode, regionLevel, insuranceType);
        t.employerUscc = employerUscc;
        return t;
    }

    /** Adds {@code sign ×} other's counters into this one. */
    public Tallies add(Tallies other, int sign) {
        if (regionCode == null) {
            regionCode = other.regionCode;
            regionLevel = other.regionLevel;
            insuranceType = other.insuranceType;
            employerUscc = other.employerUscc;
        }
        employmentRegistrations += sign * other.employmentRegistrations;
        employmentTerminations += sign * other.employmentTerminations;
        unemploymentRegistrations += sign * other.unemploymentRegistrations;
        unemploymentDeregistrations += sign * other.unemploymentDeregistrations;
        insuredEnrolments += sign * other.insuredEnrolments;
        insuredDepartures += sign * other.insuredDepartures;
        incomeFen += sign * other.incomeFen;
        outflowFen += sign * other.outflowFen;
        benefitRecipientsFirstInMonth += sign * other.benefitRecipientsFirstInMonth;
        departedPersons += sign * other.departedPersons;
        return this;
    }

    public Tallies copy() {
        return emptyCopyOfScope().add(this, 1);
    }

    public boolean isZero() {
        return employmentRegistrations == 0 && employmentTerminations == 0 && unemploymentRegistrations == 0
                && unemploymentDeregistrations == 0 && insuredEnrolments == 0 && insuredDepartures == 0
                && incomeFen == 0 && outflowFen == 0 && benefitRecipientsFirstInMonth == 0 && departedPersons == 0;
    }

    @Override
    public String toString() {
        return "Tallies{" + scopeKey() + " emp+" + employmentRegistrations + " emp-" + employmentTerminations + " unemp+"
                + unemploymentRegistrations + " unemp-" + unemploymentDeregistrations + " ins+" + insuredEnrolments
                + " ins-" + insuredDepartures + " in=" + incomeFen + " out=" + outflowFen + " uiRecipients="
                + benefitRecipientsFirstInMonth + " departed=" + departedPersons + "}";
    }
}
