package cn.hrss.monitor.simulator.clock;

import cn.hrss.monitor.simulator.config.SimulatorConfig;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Draws the simulated time of the next spontaneous event: a Poisson process whose intensity follows the
 * {@link ActivityProfile} (piecewise constant over half-hour slots), scaled so that on average one record takes
 * {@link SimulatorConfig#simulatedMillisPerRecord()}.
 */
public final class SimulatedClock {
    private final double meanIntensity;
    private final double millisPerRecord;
    private long cachedDay = Long.MIN_VALUE;
    private LocalDate cachedDate;
    private double cachedDayIntensity;

    public SimulatedClock(SimulatorConfig config) {
        this.millisPerRecord = config.simulatedMillisPerRecord();
        long start = config.simulatedStart().toEpochMilli();
        double sum = 0;
        int slots = 28 * 48;
        for (int i = 0; i < slots; i++) {
            sum += intensity(start + i * ActivityProfile.SLOT_MILLIS);
        }
        this.meanIntensity = sum / slots;
    }

    /**
     * @param stretch how many records each spontaneous event brings on average (follow-ups, bad input): spontaneous
     *     events are spaced that much further apart so the total keeps the configured pace
     */
    public long next(long from, double stretch, SplittableRandom rng) {
        double remaining = -Math.log(1 - rng.nextDouble()) * millisPerRecord * stretch * meanIntensity;
        long t = from;
        while (true) {
            double rate = intensity(t);
            long slotEnd = t - Math.floorMod(t, ActivityProfile.SLOT_MILLIS) + ActivityProfile.SLOT_MILLIS;
            double capacity = rate * (slotEnd - t);
            if (capacity >= remaining) {
                return t + (long) (remaining / rate);
            }
            remaining -= capacity;
            t = slotEnd;
        }
    }

    /** @return the event intensity at an instant (arbitrary units) */
    private double intensity(long millis) {
        long day = ChinaTime.epochDay(millis);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = LocalDate.ofEpochDay(day);
            cachedDayIntensity = ActivityProfile.dayIntensity(cachedDate);
        }
        return cachedDayIntensity
                * ActivityProfile.officeFactor(ChinaTime.minuteOfDay(millis), ChinaTime.isWeekend(cachedDate));
    }
}
