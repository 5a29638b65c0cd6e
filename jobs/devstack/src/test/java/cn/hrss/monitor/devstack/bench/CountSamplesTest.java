package cn.hrss.monitor.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CountSamplesTest {
    private static CountSamples rising() {
        CountSamples s = new CountSamples();
        s.add(1_000_000_000L, 100);
        s.add(2_000_000_000L, 300);
        s.add(3_000_000_000L, 400);
        return s;
    }

    @Test
    void crossingsAreInterpolatedBetweenSamplesAndFromZeroBeforeTheFirst() {
        CountSamples s = rising();

        assertThat(s.crossing(200)).isCloseTo(1.5e9, within(1e-3));
        assertThat(s.crossing(50)).isCloseTo(0.5e9, within(1e-3));
        assertThat(s.crossing(400)).isCloseTo(3e9, within(1e-3));
    }

    @Test
    void theSteadyRateLeavesOutTheStartAndTheTail() {
        // 10 % = 40 at 0.4 s, 90 % = 360 at 2.6 s: 320 in 2.2 s
        assertThat(rising().steadyRate(0.1, 0.9)).isCloseTo(320 / 2.2, within(1e-6));
    }

    @Test
    void firstReachingIsTheFirstSampleAtOrAboveTheFraction() {
        CountSamples s = rising();

        assertThat(s.firstReaching(0.1)).isEqualTo(0);
        assertThat(s.firstReaching(0.5)).isEqualTo(1);
        assertThat(s.firstReaching(0.9)).isEqualTo(2);
    }

    @Test
    void aCountNeverReachedIsAnError() {
        assertThatThrownBy(() -> rising().crossing(401)).hasMessageContaining("never reached 401");
    }
}
