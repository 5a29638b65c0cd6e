package cn.hrss.monitor.warnings.detectors;

import cn.hrss.monitor.events.Event;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A benefit payment as the person-level fraud detectors remember it (benefit_after_death and ui_while_employed, in
 * {@code warnings.fraud}): only what the evidence needs, no personal identifier. A Flink POJO; it is named after its
 * first user, and the name stays because every savepoint holds it (see package-info).
 */
public class BenefitAfterDeathPayment {
    /** Month the payment is for, YYYYMM. */
    public int benefitMonth;
    /** When it was paid (event time, epoch ms). */
    public long paidAt;
    public long amountFen;
    public String batchId = "";
    public String insuranceType = "";
    public String benefitItem = "";
    public String regionCode = "";

    public BenefitAfterDeathPayment() {}

    public static BenefitAfterDeathPayment of(Event e) {
        BenefitAfterDeathPayment p = new BenefitAfterDeathPayment();
        p.benefitMonth = e.benefitMonth;
        p.paidAt = e.occurredAt;
        p.amountFen = e.amountFen;
        p.batchId = orEmpty(e.batchId);
        p.insuranceType = orEmpty(e.insuranceType);
        p.benefitItem = orEmpty(e.benefitItem);
        p.regionCode = orEmpty(e.regionCode);
        return p;
    }

    /**
     * @return {@code remembered} plus {@code added}, without payments made before {@code horizon}, and at most
     *     {@code cap} of them (the latest paid): what a person's state keeps, so it stays bounded
     */
    public static List<BenefitAfterDeathPayment> remember(
            Iterable<BenefitAfterDeathPayment> remembered, BenefitAfterDeathPayment added, long horizon, int cap) {
        List<BenefitAfterDeathPayment> kept = new ArrayList<>();
        for (BenefitAfterDeathPayment p : remembered) {
            if (p.paidAt >= horizon) {
                kept.add(p);
            }
        }
        if (added.paidAt >= horizon) {
            kept.add(added);
        }
        kept.sort(Comparator.comparingLong(p -> p.paidAt));
        return kept.size() <= cap ? kept : new ArrayList<>(kept.subList(kept.size() - cap, kept.size()));
    }

    /** @return the latest paid of {@code payments} (not empty) */
    public static BenefitAfterDeathPayment latest(List<BenefitAfterDeathPayment> payments) {
        return payments.stream().max(Comparator.comparingLong(p -> p.paidAt)).orElseThrow();
    }

    /** @return fen as yuan with two decimals, e.g. {@code 3600.00} */
    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** @return YYYYMM as {@code 2025-04}, the way months read in evidence */
    public static String month(int yyyymm) {
        return String.format("%04d-%02d", yyyymm / 100, yyyymm % 100);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
