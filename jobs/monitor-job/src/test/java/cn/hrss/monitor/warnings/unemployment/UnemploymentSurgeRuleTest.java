package cn.hrss.monitor.warnings.unemployment;

import static cn.hrss.monitor.warnings.IndicatorDetectorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.patterns.PeriodVerdict;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnemploymentSurgeRuleTest {
    private static final RuleDefinition RULE = rule("unemployment_surge", RuleKind.UNEMPLOYMENT_SURGE, 1,
            Map.of("regionLevels", "county,city", "baselineDays", "7", "sigmas", "3", "minCount", "20",
                    "rateAtLeast", "6.0", "rateConsecutiveMonths", "2"),
            band(Severity.BLUE, 2.0, 1.0, ""), band(Severity.RED, null, 2.0, "")); // tiers, as in the catalog

    private KeyedBroadcastOperatorTestHarness<String, IndicatorRow, RuleDefinition, Observation> days;

    @BeforeEach
    void open() throws Exception {
        days = harness(new UnemploymentSurgeDays(live(RULE)), r -> r.regionCode);
    }

    private static long day(int d) {
        return midnight(LocalDate.of(2026, 7, 1).plusDays(d - 1));
    }

    /** Day d's registrations as of the end of the day (closed) or its noon (running). */
    private void registrations(int d, long count, boolean closed, long version) throws Exception {
        IndicatorRow r = row("unemployment_registrations", "day", "county", "110105", "", day(d), day(d + 1),
                closed ? day(d + 1) : day(d) + 12 * 3_600_000L, String.valueOf(count), version);
        days.processElement(r, r.windowEnd - 1);
    }

    private void closedDays(long... counts) throws Exception {
        for (int d = 1; d <= counts.length; d++) {
            registrations(d, counts[d - 1], true, 1);
        }
        days.processWatermark(day(counts.length + 1));
    }

    private List<String> observed() {
        return days.extractOutputValues().stream()
                .map(o -> (o.severity == null ? "clear" : o.severity.id) + " " + o.evidence.get("day") + " "
                        + o.evidence.get("count"))
                .toList();
    }

    @Test
    void firesAboveMeanPlusKSigmaWithAPoissonFloorOnSigma() throws Exception {
        closedDays(10, 10); // σ = 0, floored at √10: threshold 10 + 3·3.16 = 19.5
        registrations(3, 20, true, 1);
        days.processWatermark(day(4));

        assertThat(observed()).containsExactly("blue 2026-07-03 20");
        Observation o = days.extractOutputValues().get(0);
        assertThat(o.scopeKey).isEqualTo("surge|110105");
        assertThat(o.evidence).containsEntry("threshold", "19.5").containsEntry("baseline_days", "2");
    }

    @Test
    void staysQuietJustUnderTheMinimumCount() throws Exception {
        closedDays(0, 0); // threshold 0: only minCount guards
        registrations(3, 19, true, 1);
        days.processWatermark(day(4));

        assertThat(observed()).isEmpty();
    }

    @Test
    void staysQuietWithTooLittleHistory() throws Exception {
        closedDays(1);
        registrations(2, 500, true, 1);
        days.processWatermark(day(3));

        assertThat(observed()).isEmpty();
    }

    @Test
    void aRunningDayFiresEarlyAndClearsOnlyWhenAWholeDayClosesBelow() throws Exception {
        closedDays(2, 2);
        registrations(3, 25, false, 1);
        assertThat(observed()).containsExactly("blue 2026-07-03 25");

        registrations(3, 30, true, 2);
        days.processWatermark(day(4)); // closes day 3 above: still holding, nothing new
        registrations(4, 3, false, 1);
        assertThat(observed()).hasSize(1);

        days.processWatermark(day(5));
        assertThat(observed()).containsExactly("blue 2026-07-03 25", "clear 2026-07-04 3");
    }

    @Test
    void aDayWithoutAnyRegistrationClearsAHoldingSurge() throws Exception {
        closedDays(2, 2, 40);
        days.processWatermark(day(5));

        assertThat(observed()).containsExactly("blue 2026-07-03 40", "clear 2026-07-04 0");
    }

    @Test
    void daysWithoutRowsCountAsZeroInTheBaseline() throws Exception {
        registrations(1, 10, true, 1);
        registrations(5, 20, true, 1);
        days.processWatermark(day(6));

        Observation o = days.extractOutputValues().get(0);
        assertThat(o.evidence).containsEntry("baseline_days", "4").containsEntry("baseline_mean", "2.5");
    }

    @Test
    void aRefreshOlderThanTheLatestVersionAndALateCorrectionAreIgnored() throws Exception {
        closedDays(10, 10);
        registrations(3, 12, false, 2);
        registrations(3, 40, false, 1); // an older refresh overtaken by version 2
        days.processWatermark(day(4));
        registrations(3, 40, true, 3); // after the day closed
        days.processWatermark(day(5));

        assertThat(observed()).isEmpty();
    }

    @Test
    void aPublishedSigmaRaisesTheBar() throws Exception {
        closedDays(10, 10);
        days.processBroadcastElement(republished(RULE, Map.of("sigmas", "5")), 0);
        registrations(3, 20, true, 1);
        days.processWatermark(day(4));

        assertThat(observed()).isEmpty();
    }

    @Test
    void theBaselineKeepsOnlyBaselineDaysAndClosedWindowsAreFreed() throws Exception {
        closedDays(1, 1);
        int early = keyedStateEntries(days);
        for (int d = 3; d <= 60; d++) {
            registrations(d, 1 + d % 3, false, 1);
            registrations(d, 2 + d % 3, true, 2);
            days.processWatermark(day(d + 1));
        }
        assertThat(keyedStateEntries(days)).isEqualTo(early).isEqualTo(2); // last closed day + baseline
        days.processElement(row("unemployment_registrations", "day", "county", "110105", "", day(61), day(62),
                day(62), "100", 1), day(62) - 1);
        days.processWatermark(day(62));
        assertThat(days.extractOutputValues()).last().satisfies(o -> assertThat(o.evidence)
                .containsEntry("baseline_days", "7"));
    }

    @Test
    void theRateBreachesFromRateAtLeastAndIsGradedRed() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, IndicatorRow, RuleDefinition, PeriodVerdict> rates =
                harness(new UnemploymentRateVerdicts(live(RULE)), r -> r.regionCode);
        long may = midnight(LocalDate.of(2026, 5, 1));
        long june = midnight(LocalDate.of(2026, 6, 1));
        long july = midnight(LocalDate.of(2026, 7, 1));
        rates.processElement(row("registered_unemployment_rate", "month", "city", "330100", "", may, june, june,
                "6.0000", 1), june - 1);
        rates.processElement(row("registered_unemployment_rate", "month", "city", "330100", "", june, july, july,
                "5.9999", 1), july - 1);
        rates.processWatermark(july);

        assertThat(rates.extractOutputValues()).extracting(v -> v.scopeKey + " " + v.breach + " " + v.severity)
                .containsExactly("rate|330100 true RED", "rate|330100 false null");
    }
}
