package cn.hrss.monitor.warnings.detectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A region's recent daily unemployment registrations (a Flink POJO): the closed days, oldest first, days without any
 * registration as 0, never more than the longest {@code baselineDays} in force; and the surges currently holding.
 */
public class UnemploymentSurgeBaseline {
    public List<Long> counts = new ArrayList<>();
    /** Rule id → severity id, while that rule's surge holds for the region. */
    public Map<String, String> holding = new HashMap<>();

    public UnemploymentSurgeBaseline() {}

    /** Appends a closed day's count, dropping the oldest beyond {@code keep} days. */
    public void add(long count, int keep) {
        counts.add(count);
        while (counts.size() > keep) {
            counts.remove(0);
        }
    }

    /** Days without rows between the last closed day and the next one, as zeros (bounded by {@code keep}). */
    public void addQuietDays(long days, int keep) {
        for (long i = 0; i < Math.min(days, keep); i++) {
            add(0, keep);
        }
    }

    /** @return mean and standard deviation of the last {@code days} closed days, or null below {@code minDays} */
    public double[] meanAndSigma(int days, int minDays) {
        int n = Math.min(days, counts.size());
        if (n < minDays) {
            return null;
        }
        List<Long> recent = counts.subList(counts.size() - n, counts.size());
        double mean = recent.stream().mapToLong(Long::longValue).average().orElse(0);
        double variance = recent.stream().mapToDouble(c -> (c - mean) * (c - mean)).sum() / n;
        return new double[] {mean, Math.sqrt(variance)};
    }
}
