package cn.hrss.monitor.warnings.detectors;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One employer's most recent spell of employing a person, as far as the events tell: from the earliest enrolment or
 * unit employment registration to the earliest departure (insured.left or employment.terminated) after it. Events
 * may come in any order; a departure seen first is kept so a late enrolment before it does not open the spell.
 * A Flink POJO.
 */
public class UiWhileEmployedSpell {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public String employerUscc = "";
    /** Earliest enrolment or registration (event time), 0 when only a departure is known. */
    public long startedAt;
    /** Earliest departure after the start, 0 while the spell is open. */
    public long endedAt;

    public UiWhileEmployedSpell() {}

    public static UiWhileEmployedSpell of(String employerUscc) {
        UiWhileEmployedSpell s = new UiWhileEmployedSpell();
        s.employerUscc = employerUscc;
        return s;
    }

    /** An enrolment or registration at {@code at}: after a departure it starts a new spell (re-hired). */
    public void start(long at) {
        if (endedAt != 0 && at > endedAt) {
            startedAt = at;
            endedAt = 0;
        } else if (startedAt == 0 || at < startedAt) {
            startedAt = at;
        }
    }

    /** A departure at {@code at}; one before the start belongs to an earlier spell and is ignored. */
    public void end(long at) {
        if (startedAt != 0 && at < startedAt) {
            return;
        }
        if (endedAt == 0 || at < endedAt) {
            endedAt = at;
        }
    }

    /** @return the latest instant the spell is known by, for retention */
    public long lastKnownAt() {
        return Math.max(startedAt, endedAt);
    }

    /** @return the month of the start, YYYYMM (China Standard Time) */
    public int startMonth() {
        return chinaMonth(startedAt);
    }

    /**
     * Whether a payment of unemployment benefit overlaps this employment: it is for a month from the enrolment month
     * up to, not including, the month of departure (benefit for the month a job ended is normal). In the enrolment
     * month itself it counts only if paid after the enrolment: a recipient paid early in the month who finds work
     * later that month did nothing wrong.
     */
    public boolean overlaps(BenefitAfterDeathPayment p) {
        if (startedAt == 0) {
            return false;
        }
        int first = startMonth();
        if (p.benefitMonth == first) {
            return p.paidAt >= startedAt;
        }
        return p.benefitMonth > first && (endedAt == 0 || p.benefitMonth < chinaMonth(endedAt));
    }

    public static int chinaMonth(long epochMillis) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(CHINA);
        return t.getYear() * 100 + t.getMonthValue();
    }
}
