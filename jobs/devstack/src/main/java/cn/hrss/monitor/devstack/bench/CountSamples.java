package cn.hrss.monitor.devstack.bench;

import java.util.ArrayList;
import java.util.List;

/** A growing count sampled over time (nanoseconds since a start), and the rates read off it. */
final class CountSamples {
    private final List<long[]> samples = new ArrayList<>();

    void add(long nanos, long count) {
        samples.add(new long[] {nanos, count});
    }

    long last() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[1];
    }

    /** @return when the count first exceeded 0, or -1 if it never did */
    long firstNonZero() {
        for (long[] s : samples) {
            if (s[1] > 0) {
                return s[0];
            }
        }
        return -1;
    }

    /**
     * The steady rate per second: from when the count first reached {@code from} of its final value to when it
     * reached {@code to} of it (interpolated between samples), which leaves out the start-up and the tail.
     */
    double steadyRate(double from, double to) {
        long total = last();
        long lo = (long) (total * from);
        long hi = (long) (total * to);
        return (hi - lo) / ((crossing(hi) - crossing(lo)) / 1e9);
    }

    /** @return the index of the first sample at or above {@code fraction} of the final count */
    int firstReaching(double fraction) {
        return firstAtLeast((long) (last() * fraction));
    }

    /** @return the interpolated time at which the count reached {@code target} */
    double crossing(long target) {
        int i = firstAtLeast(target);
        long[] s = samples.get(i);
        long[] previous = i == 0 ? new long[] {0, 0} : samples.get(i - 1);
        if (s[1] == previous[1]) {
            return s[0];
        }
        return previous[0] + (double) (s[0] - previous[0]) * (target - previous[1]) / (s[1] - previous[1]);
    }

    private int firstAtLeast(long target) {
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i)[1] >= target) {
                return i;
            }
        }
        throw new IllegalStateException("the count never reached " + target);
    }
}
