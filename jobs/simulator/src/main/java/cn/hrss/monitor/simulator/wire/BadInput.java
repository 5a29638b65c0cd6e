package cn.hrss.monitor.simulator.wire;

import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.population.Identifiers;
import cn.hrss.monitor.simulator.population.IndexedPool;
import cn.hrss.monitor.simulator.population.Population;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sample events for bad input: built from real persons and employers but changing no state, since ingestion
 * rejects them. {@link #breakEvent} damages one in the way of a {@link MalformedKind}.
 */
public final class BadInput {
    private static final String[] UNKNOWN_TYPES = {"employment.suspended", "benefit.reversed", "insured.transferred"};
    /** Far-future timestamps fall in 2099: ahead of any simulated or wall clock the job may compare with. */
    private static final long YEAR_2099 = OffsetDateTime.parse("2099-01-01T00:00:00+08:00").toInstant()
            .toEpochMilli();

    private final Population pop;
    private final EventFactory events;
    private final SourceOutage outage;
    private final SplittableRandom rng;

    public BadInput(Population pop, EventFactory events, SourceOutage outage, SplittableRandom rng) {
        this.pop = pop;
        this.events = events;
        this.outage = outage;
        this.rng = rng;
    }

    /**
     * @param now when the record is sent
     * @return a valid-looking event at {@code at} suited to be broken as {@code kind} (any event if null), or
     *     {@code null} when nobody is left to base one on: a long run at a density far above its population's can
     *     use up the employed or the pensioners
     */
    public WireEvent sample(long at, long now, MalformedKind kind) {
        EventFamily[] families = Arrays.stream(familiesFor(kind)).filter(f -> !basePool(f).isEmpty())
                .toArray(EventFamily[]::new);
        if (families.length == 0) {
            return null;
        }
        EventFamily family = families[rng.nextInt(families.length)];
        while (true) {
            WireEvent e = sampleOfFamily(at, family);
            // A silent city sends nothing, not even garbage.
            if (!outage.silences(e.regionCode, now)) {
                return e;
            }
        }
    }

    private static EventFamily[] familiesFor(MalformedKind kind) {
        return kind == null ? EventFamily.values() : switch (kind) {
            case BAD_USCC_CHECK -> new EventFamily[] {EventFamily.EMPLOYMENT, EventFamily.INSURED, EventFamily.CONTRIBUTION};
            case NEGATIVE_AMOUNT, THREE_DECIMAL_AMOUNT -> new EventFamily[] {EventFamily.CONTRIBUTION, EventFamily.BENEFIT};
            default -> EventFamily.values();
        };
    }

    /** The persons a sampled event of this family is about. */
    private IndexedPool basePool(EventFamily family) {
        return family == EventFamily.BENEFIT || family == EventFamily.DEATH ? pop.pensioners : pop.employed;
    }

    private WireEvent sampleOfFamily(long at, EventFamily family) {
        // Drawn for every family while anyone is employed, so that a seed's records stay as they were.
        int worker = pop.employed.isEmpty() ? -1 : pop.employed.pick(rng);
        int employer = worker < 0 ? -1 : pop.employerOf[worker];
        return switch (family) {
            case EMPLOYMENT -> events.employment(EventType.EMPLOYMENT_REGISTERED, at, worker, employer,
                    pop.form[worker], null);
            case INSURED -> events.insured(EventType.INSURED_LEFT, at, worker, employer, "110", "resigned", null, false);
            case CONTRIBUTION -> events.contribution(at, worker, employer, events.workCounty(worker, employer), "110",
                    EventFactory.contributorKind(pop.form[worker]),
                    ChinaTime.plusMonths(ChinaTime.yearMonth(ChinaTime.date(at)), -1),
                    Math.round(pop.wageYuan[worker] * 16.0));
            case UNEMPLOYMENT -> events.unemployment(EventType.UNEMPLOYMENT_REGISTERED, at, worker, "dismissed");
            case BENEFIT -> {
                int p = pop.pensioners.pick(rng);
                yield events.benefit(at, p, Population.PENSION_SCHEMES[pop.pensionScheme[p]], "pension",
                        ChinaTime.yearMonth(ChinaTime.date(at)), pop.pensionFen[p]);
            }
            case DEATH -> events.record(EventType.DEATH_RECORDED, at, pop.pensioners.pick(rng),
                    ChinaTime.date(at).minusDays(20 + rng.nextInt(40)), "police");
        };
    }

    /** Damages the event; returns the JSON to send. */
    public String breakEvent(WireEvent e, MalformedKind kind, ChinaTime time) {
        switch (kind) {
            case UNKNOWN_TYPE -> e.typeText = UNKNOWN_TYPES[rng.nextInt(UNKNOWN_TYPES.length)];
            case MISSING_FIELD -> removeTypeSpecificField(e);
            case UNKNOWN_REGION_CODE -> e.regionCode = "99" + e.regionCode.substring(2);
            case BAD_CITIZEN_ID_CHECK -> e.personId = Identifiers.withWrongCitizenIdCheck(e.personId);
            case BAD_USCC_CHECK -> e.employerUscc = Identifiers.withWrongUsccCheck(e.employerUscc);
            case NEGATIVE_AMOUNT -> e.amountText = "-" + WireEvent.yuan(e.amountFen);
            case THREE_DECIMAL_AMOUNT -> e.amountText = WireEvent.yuan(e.amountFen) + (1 + rng.nextInt(9));
            case UNPARSEABLE_TIMESTAMP -> e.occurredAtText = time.format(e.at).substring(0, 19).replace('T', ' ');
            case FAR_FUTURE_TIMESTAMP -> e.at = YEAR_2099 + rng.nextLong(ChinaTime.DAY_MILLIS * 300);
            default -> { }
        }
        String json = e.toJson(time);
        return switch (kind) {
            case TRUNCATED_JSON -> json.substring(0, (int) (json.length() * (0.3 + 0.5 * rng.nextDouble())));
            case WRONG_FIELD_TYPE -> json.replace("\"source\":\"" + e.source + "\"", "\"source\":[\"" + e.source + "\"]");
            default -> json;
        };
    }

    private static void removeTypeSpecificField(WireEvent e) {
        switch (e.type.family) {
            case EMPLOYMENT -> e.employmentForm = null;
            case UNEMPLOYMENT, INSURED -> e.reason = null;
            case CONTRIBUTION -> e.feePeriod = null;
            case BENEFIT -> e.batchId = null;
            case DEATH -> e.recordSource = null;
        }
    }

    /** @return a random day-time instant 3 to 10 days before {@code now}: far behind any watermark */
    public long lateInstant(long now) {
        return now - 3 * ChinaTime.DAY_MILLIS - rng.nextLong(7 * ChinaTime.DAY_MILLIS);
    }
}
