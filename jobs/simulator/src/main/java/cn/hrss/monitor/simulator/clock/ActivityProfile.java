package cn.hrss.monitor.simulator.clock;

import cn.hrss.monitor.events.EventFamily;
import java.time.LocalDate;
import java.time.Month;

/**
 * When things happen. Offices work 08:30-17:30 CST on weekdays (a lunch dip, a little in the evening, almost
 * nothing at night or at weekends). Employers declare contributions for the previous month in the first 15 days of
 * a month; pensions are paid out on the 10th-15th and unemployment benefit on the 5th-9th; graduates register as
 * unemployed in July.
 */
public final class ActivityProfile {
    /** The kinds of spontaneous activity and their base weights (relative frequency on an ordinary day). */
    public enum Kind {
        HIRE(EventFamily.EMPLOYMENT, 1.0),
        SEPARATION(EventFamily.INSURED, 0.9),
        GRADUATE_REGISTRATION(EventFamily.UNEMPLOYMENT, 0.1),
        UNEMPLOYMENT_EXIT(EventFamily.UNEMPLOYMENT, 0.15),
        CONTRIBUTION(EventFamily.CONTRIBUTION, 20),
        PENSION(EventFamily.BENEFIT, 5),
        UNEMPLOYMENT_BENEFIT(EventFamily.BENEFIT, 0.6),
        INJURY_BENEFIT(EventFamily.BENEFIT, 0.1),
        IMPRISONMENT_RECORD(EventFamily.DEATH, 0.01);

        public final EventFamily family;
        final double baseWeight;

        Kind(EventFamily family, double baseWeight) {
            this.family = family;
            this.baseWeight = baseWeight;
        }
    }

    static final long SLOT_MILLIS = 30 * 60_000L;

    private ActivityProfile() {}

    /** @return how busy offices are at this local time, 1.0 in office hours */
    static double officeFactor(int minuteOfDay, boolean weekend) {
        if (weekend) {
            return minuteOfDay >= 9 * 60 && minuteOfDay < 17 * 60 ? 0.1 : 0.01;
        }
        if (minuteOfDay >= 12 * 60 && minuteOfDay < 13 * 60 + 30) {
            return 0.6;
        }
        if (minuteOfDay >= 8 * 60 + 30 && minuteOfDay < 17 * 60 + 30) {
            return 1.0;
        }
        if (minuteOfDay >= 7 * 60 && minuteOfDay < 21 * 60) {
            return 0.12;
        }
        return 0.02;
    }

    /** @return the kind's weight on this day before office hours are applied */
    public static double dayWeight(Kind kind, LocalDate day) {
        int dom = day.getDayOfMonth();
        double factor = switch (kind) {
            case CONTRIBUTION -> dom <= 15 ? 3.0 : 0.4;
            case PENSION -> dom >= 10 && dom <= 15 ? 6.0 : 0.3;
            case UNEMPLOYMENT_BENEFIT -> dom >= 5 && dom <= 9 ? 4.0 : 0.4;
            case INJURY_BENEFIT -> dom >= 10 && dom <= 15 ? 3.0 : 0.3;
            case GRADUATE_REGISTRATION -> day.getMonth() == Month.JULY ? 10.0
                    : day.getMonth() == Month.JUNE || day.getMonth() == Month.AUGUST ? 3.0 : 1.0;
            default -> 1.0;
        };
        return kind.baseWeight * factor;
    }

    /** @return the nominal event intensity of a day, summed over kinds (office hours not applied) */
    static double dayIntensity(LocalDate day) {
        double sum = 0;
        for (Kind k : Kind.values()) {
            sum += dayWeight(k, day);
        }
        return sum;
    }
}
