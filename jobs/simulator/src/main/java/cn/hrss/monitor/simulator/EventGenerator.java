package cn.hrss.monitor.simulator;

import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.simulator.activity.BaselineActivity;
import cn.hrss.monitor.simulator.activity.Lifecycle;
import cn.hrss.monitor.simulator.activity.Mortality;
import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.clock.SimulatedClock;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.scenarios.ScenarioLog;
import cn.hrss.monitor.simulator.scenarios.ScenarioPlanner;
import cn.hrss.monitor.simulator.wire.BadInput;
import cn.hrss.monitor.simulator.wire.Expectation;
import cn.hrss.monitor.simulator.wire.MalformedKind;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import cn.hrss.monitor.simulator.wire.WireEvent;
import java.time.Instant;

/**
 * Produces a realistic, seed-determined stream of contract v1 records one at a time: same config, same records.
 * VALID records come in non-decreasing occurredAt order; DUPLICATE and LATE records look back in time on purpose.
 *
 * <p>Not thread-safe: one generator per producing thread.
 */
public final class EventGenerator {
    private static final int ALL_FAMILIES = (1 << EventFamily.values().length) - 1;
    /** Families missing from a simulated day are forced from this local time on. */
    private static final int FORCE_FAMILIES_FROM_MINUTE = 20 * 60;
    /** Duplicates re-send one of the last records, so they are never also too late. */
    private static final int RECENT = 32;

    private final SimContext ctx;
    private final BaselineActivity baseline;
    private final Mortality mortality;
    private final BadInput badInput;
    private final SimulatedClock clock;
    private final ScenarioLog scenarioLog;
    private final ChinaTime time = new ChinaTime();
    private final String idPrefix;

    private long now;
    private long nextSpontaneous;
    private long spontaneousCount;
    private long recordCount;
    private long validCount;
    private long idSequence;
    private final SimulatedRecord[] recent = new SimulatedRecord[RECENT];
    private long seenDay = Long.MIN_VALUE;
    private int seenFamilies;

    /** Uses the region directory shipped with the monitoring job. */
    public EventGenerator(SimulatorConfig config) {
        this(config, RegionDirectory.loadDefault());
    }

    public EventGenerator(SimulatorConfig config, RegionDirectory regions) {
        this.ctx = new SimContext(config, regions);
        Lifecycle lifecycle = new Lifecycle(ctx);
        this.baseline = new BaselineActivity(ctx, lifecycle);
        this.mortality = new Mortality(ctx);
        this.badInput = new BadInput(ctx.population, ctx.events, ctx.outage, ctx.rng);
        this.clock = new SimulatedClock(config);
        this.idPrefix = "sim" + Long.toUnsignedString(config.seed(), 36) + "-";
        this.now = ctx.startMillis;
        long startDay = ChinaTime.epochDay(now);
        // Deaths of the last two months whose records are still on their way, then today's.
        for (long day = startDay - 60; day <= startDay; day++) {
            mortality.deathsOn(ChinaTime.startOfDay(day), now);
        }
        ctx.schedule.at(ChinaTime.startOfDay(startDay + 1), this::startDay);
        this.scenarioLog = ScenarioPlanner.plan(ctx, lifecycle, baseline, mortality);
        this.nextSpontaneous = clock.next(now, 1, ctx.rng);
    }

    /** @return the next record */
    public SimulatedRecord next() {
        SimulatorConfig c = ctx.config;
        double u = ctx.rng.nextDouble();
        if (u < c.malformedFraction()) {
            return malformed();
        }
        u -= c.malformedFraction();
        if (u < c.duplicateFraction() && validCount > 0) {
            return duplicate();
        }
        u -= c.duplicateFraction();
        // Late only once the stream (and so the job's watermark) is well under way.
        if (u < c.lateFraction() && validCount >= 100 && now >= ctx.startMillis + 3 * ChinaTime.HOUR_MILLIS) {
            return late();
        }
        return nextValid();
    }

    /** @return the simulated clock: occurredAt of the latest VALID record */
    public Instant simulatedNow() {
        return Instant.ofEpochMilli(now);
    }

    /** @return the scenarios injected so far */
    public ScenarioLog scenarioLog() {
        return scenarioLog;
    }

    public RegionDirectory regions() {
        return ctx.regions;
    }

    /** The simulated world behind the stream, for {@code SimulatedReferenceData} to measure. */
    public SimContext context() {
        return ctx;
    }

    private SimulatedRecord nextValid() {
        while (true) {
            WireEvent e;
            long due = ctx.schedule.nextDue();
            if (due <= nextSpontaneous) {
                now = Math.max(now, due);
                e = ctx.schedule.runNext();
            } else {
                now = nextSpontaneous;
                e = baseline.next(now, missingFamily());
                spontaneousCount++;
                double stretch = (recordCount + 100.0) / (spontaneousCount + 100.0);
                nextSpontaneous = clock.next(now, stretch, ctx.rng);
            }
            if (e == null) {
                continue;
            }
            e.at = Math.max(e.at, now);
            if (ctx.outage.silences(e.regionCode, e.at)) {
                deferUntilOutageEnds(e);
                continue;
            }
            return emitValid(e);
        }
    }

    /** The silent city's events are sent when it resumes, stamped with that time. */
    private void deferUntilOutageEnds(WireEvent e) {
        ctx.schedule.at(ctx.outage.resumesAt() + ctx.randomMillis(30 * 60_000L), t -> {
            e.at = t;
            return e;
        });
    }

    /** @return a family not yet seen today once the evening has come, else null */
    private EventFamily missingFamily() {
        if (ChinaTime.minuteOfDay(now) < FORCE_FAMILIES_FROM_MINUTE) {
            return null;
        }
        int seen = ChinaTime.epochDay(now) == seenDay ? seenFamilies : 0;
        if (seen == ALL_FAMILIES) {
            return null;
        }
        return EventFamily.values()[Integer.numberOfTrailingZeros(~seen)];
    }

    private SimulatedRecord emitValid(WireEvent e) {
        e.eventId = nextEventId();
        SimulatedRecord r = new SimulatedRecord(e.type.family.name(), e.key, e.toJson(time), e.at, Expectation.VALID,
                null);
        long day = ChinaTime.epochDay(e.at);
        if (day != seenDay) {
            seenDay = day;
            seenFamilies = 0;
        }
        seenFamilies |= 1 << e.type.family.ordinal();
        recent[(int) (validCount++ % RECENT)] = r;
        recordCount++;
        return r;
    }

    private SimulatedRecord malformed() {
        MalformedKind[] kinds = MalformedKind.values();
        MalformedKind kind = kinds[ctx.rng.nextInt(kinds.length)];
        WireEvent e = badInput.sample(now, now, kind);
        if (e == null) {
            return nextValid();
        }
        e.eventId = nextEventId();
        String json = badInput.breakEvent(e, kind, time);
        recordCount++;
        return new SimulatedRecord(e.type.family.name(), e.key, json, e.at, Expectation.MALFORMED, kind);
    }

    private SimulatedRecord duplicate() {
        SimulatedRecord original = recent[ctx.rng.nextInt((int) Math.min(validCount, RECENT))];
        recordCount++;
        return new SimulatedRecord(original.topicFamily(), original.key(), original.json(),
                original.occurredAtMillis(), Expectation.DUPLICATE, null);
    }

    private SimulatedRecord late() {
        WireEvent e = badInput.sample(badInput.lateInstant(now), now, null);
        if (e == null) {
            return nextValid();
        }
        e.eventId = nextEventId();
        recordCount++;
        return new SimulatedRecord(e.type.family.name(), e.key, e.toJson(time), e.at, Expectation.LATE, null);
    }

    private String nextEventId() {
        return idPrefix + (++idSequence);
    }

    /** Daily bookkeeping at local midnight: a new benefit month on the 1st, and the day's deaths. */
    private WireEvent startDay(long midnight) {
        if (ChinaTime.date(midnight).getDayOfMonth() == 1) {
            ctx.population.beginPayMonth(ChinaTime.yearMonth(ChinaTime.date(midnight)));
        }
        mortality.deathsOn(midnight, midnight);
        ctx.schedule.at(midnight + ChinaTime.DAY_MILLIS, this::startDay);
        return null;
    }
}
