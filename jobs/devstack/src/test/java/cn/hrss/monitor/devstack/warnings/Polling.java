package cn.hrss.monitor.devstack.warnings;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Waiting for something a running job will eventually write (no Awaitility on this classpath). */
final class Polling {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    /** One look at the world: empty while the awaited thing is not there yet. */
    @FunctionalInterface
    interface Probe<T> {
        Optional<T> look() throws Exception;
    }

    private Polling() {}

    /**
     * Looks every second until {@code probe} finds something.
     *
     * @param what what is awaited, for the failure message
     * @throws AssertionError naming {@code what} if nothing was found within {@code timeout}
     */
    static <T> T await(String what, Duration timeout, Probe<T> probe) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.look();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " in vain");
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }

    /** @return seconds since {@code startNanos}, for the timing log */
    static String secondsSince(long startNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }
}
