package cn.hrss.monitor.devstack.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU time spent so far by the whole machine ({@code /proc/stat}) and by this JVM (Kafka broker, Flink, producer and
 * consumers all run in it; ClickHouse is another process). Two readings tell how many cores a phase kept busy, and so
 * whether it was bound by the CPU and what each record cost: the figures a throughput ratio has to be judged by on a
 * machine whose every component shares two cores.
 *
 * @param machineBusyTicks all cores' non-idle time, in {@code /proc/stat} ticks; -1 where there is no /proc/stat
 * @param machineTicks all cores' time, busy or idle, in the same ticks
 */
record CpuReading(long wallNanos, long machineBusyTicks, long machineTicks, long jvmCpuNanos) {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    static CpuReading now() {
        long wall = System.nanoTime();
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        try {
            // "cpu  user nice system idle iowait irq softirq steal ...": busy is everything but idle and iowait.
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long all = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                long ticks = Long.parseLong(f[i]);
                all += ticks;
                busy += i == 4 || i == 5 ? 0 : ticks;
            }
            return new CpuReading(wall, busy, all, jvm);
        } catch (IOException | RuntimeException e) {
            return new CpuReading(wall, -1, -1, jvm);
        }
    }

    /** @return the cores kept busy between {@code earlier} and this reading */
    Use since(CpuReading earlier) {
        double seconds = (wallNanos - earlier.wallNanos) / 1e9;
        double jvmCores = (jvmCpuNanos - earlier.jvmCpuNanos) / 1e9 / seconds;
        long ticks = machineTicks - earlier.machineTicks;
        double machineCores = earlier.machineBusyTicks < 0 || ticks <= 0 ? Double.NaN
                : (double) (machineBusyTicks - earlier.machineBusyTicks) / ticks * CORES;
        return new Use(machineCores, jvmCores, CORES);
    }

    /** Cores kept busy over an interval: by the machine as a whole (NaN if unknown) and by this JVM. */
    record Use(double machineCores, double jvmCores, int cores) {
        /** @return microseconds of the machine's CPU per record at {@code recordsPerSecond} */
        double microsPerRecord(double recordsPerSecond) {
            return machineCores / recordsPerSecond * 1e6;
        }

        /** @return e.g. {@code machine busy 1.93 of 2 cores (this JVM 1.55, other processes 0.38) = 41.2 µs per record} */
        String describe(double recordsPerSecond) {
            if (Double.isNaN(machineCores)) {
                return String.format(Locale.ROOT, "this JVM kept %.2f cores busy (no /proc/stat for the machine)",
                        jvmCores);
            }
            return String.format(Locale.ROOT,
                    "machine busy %.2f of %d cores (this JVM %.2f, other processes %.2f) = %.1f µs of CPU per record",
                    machineCores, cores, jvmCores, Math.max(0, machineCores - jvmCores),
                    microsPerRecord(recordsPerSecond));
        }
    }
}
