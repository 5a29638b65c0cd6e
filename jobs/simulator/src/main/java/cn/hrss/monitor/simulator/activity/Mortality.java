package cn.hrss.monitor.simulator.activity;

import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.population.Population;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Deaths and their records. People die every day (mostly pensioners); the record reaches social security 2 to 8
 * weeks later in the batch of one data source: police weekly on Mondays, civil affairs on the 1st and 16th,
 * health daily. Payments stop at the death itself, so normal deaths never look like benefit fraud.
 */
public final class Mortality {
    /** Crude death rate of the simulated (adult) population per year. */
    private static final double ANNUAL_DEATH_RATE = 0.0078;
    private static final long DAY = ChinaTime.DAY_MILLIS;

    private final SimContext ctx;
    private final Population pop;

    public Mortality(SimContext ctx) {
        this.ctx = ctx;
        this.pop = ctx.population;
    }

    /** Deaths on one local day; records that arrive before {@code notBefore} were delivered before the run. */
    public void deathsOn(long dayStart, long notBefore) {
        int deaths = poisson(pop.persons * ANNUAL_DEATH_RATE / 365);
        for (int i = 0; i < deaths; i++) {
            int p = pop.pickFree(ctx.rng.nextDouble() < 0.8 ? pop.pensioners : pop.inactive, ctx.rng);
            if (p < 0) {
                continue;
            }
            long deathAt = dayStart + ctx.randomMillis(DAY);
            pop.setStatus(p, Population.DEAD);
            long lag = 14 * DAY + ctx.randomMillis(42 * DAY);
            double source = ctx.rng.nextDouble();
            String recordSource = source < 0.3 ? "police" : source < 0.8 ? "civil_affairs" : "health";
            long arrival = batchTime(recordSource, deathAt + lag) + ctx.randomMillis(600_000);
            if (arrival >= notBefore) {
                scheduleRecord(p, ChinaTime.date(deathAt), recordSource, arrival);
            }
        }
    }

    public void scheduleRecord(int p, LocalDate deathDate, String recordSource, long arrival) {
        ctx.schedule.at(arrival, t -> {
            pop.setStatus(p, Population.DEAD);
            pop.reserved[p] = false;
            return ctx.events.record(EventType.DEATH_RECORDED, t, p, deathDate, recordSource);
        });
    }

    /** @return the first batch of the source at or after {@code earliest} */
    static long batchTime(String recordSource, long earliest) {
        LocalDate day = ChinaTime.date(earliest);
        for (int i = 0; ; i++) {
            LocalDate d = day.plusDays(i);
            long at = ChinaTime.startOfDay(d.toEpochDay()) + switch (recordSource) {
                case "police" -> 10 * ChinaTime.HOUR_MILLIS;
                case "civil_affairs" -> 9 * ChinaTime.HOUR_MILLIS;
                default -> 14 * ChinaTime.HOUR_MILLIS;
            };
            boolean batchDay = switch (recordSource) {
                case "police" -> d.getDayOfWeek() == DayOfWeek.MONDAY;
                case "civil_affairs" -> d.getDayOfMonth() == 1 || d.getDayOfMonth() == 16;
                default -> true;
            };
            if (batchDay && at >= earliest) {
                return at;
            }
        }
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = ctx.rng.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= ctx.rng.nextDouble();
            n++;
        }
        return n;
    }
}
