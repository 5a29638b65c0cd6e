package cn.hrss.monitor.simulator.config;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything that determines a simulated stream: the same config gives the same records.
 *
 * <p>The simulated clock advances {@code timeScale / eventsPerSecond} simulated seconds per record on average, faster
 * at night and at weekends (few events) and slower in office hours and on payout days (many events). So at the
 * producer's wall-clock rate {@code eventsPerSecond}, one wall second covers {@code timeScale} simulated seconds on
 * average.
 *
 * @param seed random seed
 * @param eventsPerSecond nominal wall-clock rate, which also sets how fast the simulated clock moves per record
 * @param simulatedStart simulated time of the first record
 * @param timeScale simulated seconds per wall second (3600: one simulated hour per second)
 * @param malformedFraction share of records that are broken (see {@link cn.hrss.monitor.simulator.wire.MalformedKind})
 * @param duplicateFraction share of records that re-send a recent record with the same eventId
 * @param lateFraction share of records whose occurredAt is days behind the stream
 * @param scenarios anomalies to inject
 * @param persons number of distinct simulated persons
 * @param employers number of distinct simulated employers
 * @param runLength expected simulated length of the run; scenarios are spread over it
 */
public record SimulatorConfig(
        long seed,
        double eventsPerSecond,
        Instant simulatedStart,
        double timeScale,
        double malformedFraction,
        double duplicateFraction,
        double lateFraction,
        Set<Scenario> scenarios,
        int persons,
        int employers,
        Duration runLength) {

    /** A Monday in July, inside the pension payout days and the contribution declaration peak. */
    public static final Instant DEFAULT_START = OffsetDateTime.parse("2026-07-13T00:00:00+08:00").toInstant();

    public SimulatorConfig {
        if (!(eventsPerSecond > 0) || !(timeScale > 0)) {
            throw new IllegalArgumentException("eventsPerSecond and timeScale must be positive");
        }
        if (malformedFraction < 0 || duplicateFraction < 0 || lateFraction < 0
                || malformedFraction + duplicateFraction + lateFraction >= 0.5) {
            throw new IllegalArgumentException("bad-input fractions must be non-negative and sum to less than 0.5");
        }
        if (persons < 1_000 || employers < 10 || employers > persons) {
            throw new IllegalArgumentException("need at least 1000 persons and 10 employers, fewer employers than persons");
        }
        if (runLength.isNegative() || runLength.isZero()) {
            throw new IllegalArgumentException("runLength must be positive");
        }
        scenarios = scenarios.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scenarios));
    }

    /** Seed 42, 1000 records/s, one simulated hour per second over a 4-day run, all scenarios, a little bad input. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(42, 1000, DEFAULT_START, 3600, 0.01, 0.005, 0.002,
                EnumSet.allOf(Scenario.class), 200_000, 20_000, Duration.ofDays(4));
    }

    public SimulatorConfig withSeed(long value) {
        return new SimulatorConfig(value, eventsPerSecond, simulatedStart, timeScale, malformedFraction,
                duplicateFraction, lateFraction, scenarios, persons, employers, runLength);
    }

    public SimulatorConfig withClock(double eventsPerSecondValue, double timeScaleValue) {
        return new SimulatorConfig(seed, eventsPerSecondValue, simulatedStart, timeScaleValue, malformedFraction,
                duplicateFraction, lateFraction, scenarios, persons, employers, runLength);
    }

    public SimulatorConfig withStart(Instant value) {
        return new SimulatorConfig(seed, eventsPerSecond, value, timeScale, malformedFraction,
                duplicateFraction, lateFraction, scenarios, persons, employers, runLength);
    }

    public SimulatorConfig withBadInput(double malformed, double duplicate, double late) {
        return new SimulatorConfig(seed, eventsPerSecond, simulatedStart, timeScale, malformed,
                duplicate, late, scenarios, persons, employers, runLength);
    }

    public SimulatorConfig withScenarios(Set<Scenario> value) {
        return new SimulatorConfig(seed, eventsPerSecond, simulatedStart, timeScale, malformedFraction,
                duplicateFraction, lateFraction, value, persons, employers, runLength);
    }

    public SimulatorConfig withPopulation(int personsValue, int employersValue) {
        return new SimulatorConfig(seed, eventsPerSecond, simulatedStart, timeScale, malformedFraction,
                duplicateFraction, lateFraction, scenarios, personsValue, employersValue, runLength);
    }

    public SimulatorConfig withRunLength(Duration value) {
        return new SimulatorConfig(seed, eventsPerSecond, simulatedStart, timeScale, malformedFraction,
                duplicateFraction, lateFraction, scenarios, persons, employers, value);
    }

    /** @return simulated milliseconds per record on average */
    public double simulatedMillisPerRecord() {
        return timeScale * 1000.0 / eventsPerSecond;
    }
}
