package cn.hrss.monitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void optionsBecomeAConfigWhoseRunCoversTheWallDurationTimesTheScale() {
        Map<String, String> options = SimulatorMain.parse(new String[] {"--rate", "500", "--duration", "90",
                "--time-scale", "3600", "--seed", "9", "--start", "2026-08-03T08:00:00+08:00",
                "--scenarios", "mass-layoff,source-outage", "--malformed", "0.02", "--duplicate", "0", "--late", "0"});
        SimulatorConfig c = SimulatorMain.config(options, 500, 0, Duration.ofSeconds(90));

        assertThat(c.seed()).isEqualTo(9);
        assertThat(c.eventsPerSecond()).isEqualTo(500);
        assertThat(c.simulatedStart()).isEqualTo(Instant.parse("2026-08-03T00:00:00Z"));
        assertThat(c.runLength()).isEqualTo(Duration.ofHours(90));
        assertThat(c.scenarios()).containsExactlyInAnyOrder(Scenario.MASS_LAYOFF, Scenario.SOURCE_OUTAGE);
        assertThat(c.malformedFraction()).isEqualTo(0.02);
    }

    @Test
    void unpacedRunsKeepANominalClockAndCountSetsTheRunLength() {
        SimulatorConfig c = SimulatorMain.config(Map.of(), 0, 3_600_000, null);

        assertThat(c.eventsPerSecond()).isEqualTo(1000);
        assertThat(c.runLength()).isEqualTo(Duration.ofHours(3600));
    }

    @Test
    void scenarioListsParseByWireName() {
        assertThat(Scenario.parseList("all")).isEqualTo(EnumSet.allOf(Scenario.class));
        assertThat(Scenario.parseList("none")).isEmpty();
        assertThat(Scenario.parseList(" fund-imbalance , ui-while-employed"))
                .isEqualTo(Set.of(Scenario.FUND_IMBALANCE, Scenario.UI_WHILE_EMPLOYED));
        assertThatThrownBy(() -> Scenario.parseList("layoffs")).hasMessageContaining("layoffs");
    }
}
