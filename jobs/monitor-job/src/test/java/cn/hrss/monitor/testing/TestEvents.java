package cn.hrss.monitor.testing;

import cn.hrss.monitor.ingest.IdentifierChecks;
import java.util.concurrent.atomic.AtomicLong;

/** Builds contract-v1 JSON records with valid identifiers, for tests. */
public final class TestEvents {
    private static final AtomicLong IDS = new AtomicLong();

    private TestEvents() {}

    /** A valid citizen ID: region 110105, born 1985-06-15, sequence {@code n} (0..999). */
    public static String citizenId(int n) {
        String first17 = String.format("11010519850615%03d", n % 1000);
        return first17 + IdentifierChecks.citizenIdCheckChar(first17);
    }

    /** A valid USCC: 91 + region 110105 + organisation code built from {@code n}. */
    public static String uscc(int n) {
        String first17 = String.format("91110105%09d", n);
        return first17 + IdentifierChecks.usccCheckChar(first17);
    }

    public static String nextId() {
        return "evt-" + IDS.incrementAndGet();
    }

    public static String employmentRegistered(String id, String at, String region, int person) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"employment.registered\",\"occurredAt\":\"" + at
                + "\",\"regionCode\":\"" + region + "\",\"source\":\"test\",\"personId\":\"" + citizenId(person)
                + "\",\"employerUscc\":\"" + uscc(1) + "\",\"employmentForm\":\"unit\"}";
    }

    public static String unemploymentRegistered(String id, String at, String region, int person) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"unemployment.registered\",\"occurredAt\":\"" + at
                + "\",\"regionCode\":\"" + region + "\",\"source\":\"test\",\"personId\":\"" + citizenId(person)
                + "\",\"reason\":\"dismissed\"}";
    }

    public static String unemploymentDeregistered(String id, String at, String region, int person) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"unemployment.deregistered\",\"occurredAt\":\"" + at
                + "\",\"regionCode\":\"" + region + "\",\"source\":\"test\",\"personId\":\"" + citizenId(person)
                + "\",\"reason\":\"reemployed\"}";
    }

    public static String insuredLeft(String id, String at, String region, int person, int employer, String insurance) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"insured.left\",\"occurredAt\":\"" + at
                + "\",\"regionCode\":\"" + region + "\",\"source\":\"test\",\"personId\":\"" + citizenId(person)
                + "\",\"employerUscc\":\"" + uscc(employer) + "\",\"insuranceType\":\"" + insurance
                + "\",\"reason\":\"layoff\",\"employerHeadcount\":200}";
    }

    public static String contributionPaid(String id, String at, String region, String insurance, String amount) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"contribution.paid\",\"occurredAt\":\"" + at
                + "\",\"regionCode\":\"" + region + "\",\"source\":\"test\",\"employerUscc\":\"" + uscc(1)
                + "\",\"insuranceType\":\"" + insurance + "\",\"contributorKind\":\"employer\",\"feePeriod\":\"202605\""
                + ",\"amount\":\"" + amount + "\"}";
    }

    public static String benefitPaid(
            String id, String at, String region, int person, String insurance, String item, String amount) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"benefit.paid\",\"occurredAt\":\"" + at
                + "\",\"regionCode\":\"" + region + "\",\"source\":\"test\",\"personId\":\"" + citizenId(person)
                + "\",\"insuranceType\":\"" + insurance + "\",\"benefitItem\":\"" + item
                + "\",\"benefitMonth\":\"202606\",\"amount\":\"" + amount + "\",\"batchId\":\"b-1\"}";
    }
}
