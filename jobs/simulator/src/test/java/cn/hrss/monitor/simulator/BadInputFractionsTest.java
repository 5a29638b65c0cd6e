package cn.hrss.monitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.Expectation;
import cn.hrss.monitor.simulator.wire.MalformedKind;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BadInputFractionsTest {

    @Test
    void fractionsAreRespectedAndEveryMalformedKindOccurs() {
        SimulatorConfig config = SimulatorConfig.defaults().withBadInput(0.05, 0.02, 0.01);
        List<SimulatedRecord> records = Streams.generate(new EventGenerator(config), 100_000);
        Map<Expectation, Integer> counts = new EnumMap<>(Expectation.class);
        Map<MalformedKind, Integer> kinds = new EnumMap<>(MalformedKind.class);
        for (SimulatedRecord r : records) {
            counts.merge(r.expectation(), 1, Integer::sum);
            if (r.malformed() != null) {
                kinds.merge(r.malformed(), 1, Integer::sum);
            }
            assertThat(r.expectedRejectReason()).isEqualTo(switch (r.expectation()) {
                case VALID -> null;
                case DUPLICATE -> "duplicate_event";
                case LATE -> "too_late";
                case MALFORMED -> r.malformed().rejectReason;
            });
        }
        assertThat(counts.get(Expectation.MALFORMED) / 100_000.0).isCloseTo(0.05, within(0.005));
        assertThat(counts.get(Expectation.DUPLICATE) / 100_000.0).isCloseTo(0.02, within(0.003));
        // Late records only start once the stream is three simulated hours old.
        assertThat(counts.get(Expectation.LATE) / 100_000.0).isCloseTo(0.01, within(0.002));
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(MalformedKind.values());
        kinds.values().forEach(n -> assertThat(n).isGreaterThan(200));
    }

    @Test
    void noBadInputWhenTheFractionsAreZero() {
        List<SimulatedRecord> records = Streams.generate(
                new EventGenerator(SimulatorConfig.defaults().withBadInput(0, 0, 0)), 20_000);
        assertThat(records).allMatch(r -> r.expectation() == Expectation.VALID);
    }

    /**
     * Far more records than a small population can live through (the latency benchmark's long runs hit this): the
     * employed are used up, and bad input must go on from whoever is left, or give way to valid records.
     */
    @Test
    void aRunThatOutlivesItsPopulationKeepsGoing() {
        SimulatorConfig config = SimulatorConfig.defaults().withScenarios(Set.of()).withPopulation(1_000, 10)
                .withBadInput(0.1, 0, 0.1).withClock(10_000, 120);
        List<SimulatedRecord> records = Streams.generate(new EventGenerator(config), 200_000);
        long malformed = records.stream().filter(r -> r.expectation() == Expectation.MALFORMED).count();
        assertThat(records).hasSize(200_000);
        assertThat(malformed).isGreaterThan(1_000);
    }
}
