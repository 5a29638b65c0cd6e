package cn.hrss.monitor.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuReadingTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void coresBusyAreTheBusyShareOfAllTicksTimesTheCores() {
        CpuReading before = new CpuReading(0, 1_000, 4_000, 0);
        // 2 s later: 300 of 400 new ticks busy; the JVM used 1.5 s of CPU
        CpuReading after = new CpuReading(2_000_000_000L, 1_300, 4_400, 1_500_000_000L);

        CpuReading.Use use = after.since(before);

        assertThat(use.machineCores()).isCloseTo(0.75 * CORES, within(1e-9));
        assertThat(use.jvmCores()).isCloseTo(0.75, within(1e-9));
        assertThat(use.microsPerRecord(100_000)).isCloseTo(0.75 * CORES / 100_000 * 1e6, within(1e-9));
    }

    @Test
    void withoutProcStatOnlyTheJvmIsReported() {
        CpuReading.Use use = new CpuReading(2_000_000_000L, -1, -1, 1_000_000_000L)
                .since(new CpuReading(0, -1, -1, 0));

        assertThat(use.machineCores()).isNaN();
        assertThat(use.describe(1_000)).contains("this JVM kept 0.50 cores busy").contains("no /proc/stat");
    }

    @Test
    void aReadingOfThisMachineSeesTimePass() throws InterruptedException {
        CpuReading first = CpuReading.now();
        long spin = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }
        CpuReading.Use use = CpuReading.now().since(first);

        assertThat(use.jvmCores()).isGreaterThan(0);
        if (!Double.isNaN(use.machineCores())) {
            assertThat(use.machineCores()).isBetween(0.0, (double) CORES + 0.01);
        }
    }
}
