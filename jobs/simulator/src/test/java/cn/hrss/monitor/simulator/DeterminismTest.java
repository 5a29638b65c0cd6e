package cn.hrss.monitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void sameSeedAndConfigGiveTheSameRecords() {
        SimulatorConfig config = SimulatorConfig.defaults().withBadInput(0.05, 0.02, 0.01);
        List<SimulatedRecord> first = Streams.generate(new EventGenerator(config), 60_000);
        List<SimulatedRecord> second = Streams.generate(new EventGenerator(config), 60_000);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedGivesAnotherStream() {
        List<SimulatedRecord> a = Streams.generate(new EventGenerator(SimulatorConfig.defaults()), 1_000);
        List<SimulatedRecord> b = Streams.generate(new EventGenerator(SimulatorConfig.defaults().withSeed(7)), 1_000);

        long same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (withoutEventId(a.get(i)).equals(withoutEventId(b.get(i)))) {
                same++;
            }
        }
        assertThat(same).isLessThan(10);
    }

    private static String withoutEventId(SimulatedRecord r) {
        return r.json().substring(r.json().indexOf("\"schemaVersion\""));
    }
}
