package cn.hrss.monitor.devstack.bench;

import java.util.Collection;

/** Nearest-rank percentiles of a set of measurements. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(Collection<Long> values) {
        this.sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    /** @param q in (0, 1]; the smallest value with at least {@code q} of all values at or below it */
    long at(double q) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no measurements");
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long max() {
        return sorted[sorted.length - 1];
    }
}
