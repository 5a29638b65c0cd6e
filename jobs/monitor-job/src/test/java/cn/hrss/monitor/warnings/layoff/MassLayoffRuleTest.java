package cn.hrss.monitor.warnings.layoff;

import cn.hrss.monitor.warnings.detectors.MassLayoffEmployer;

import static cn.hrss.monitor.warnings.IndicatorDetectorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MassLayoffRuleTest {
    private static final RuleDefinition RULE = rule("mass_layoff", RuleKind.MASS_LAYOFF, 1, Map.of(
            "windowDays", "30", "employerPersons", "20", "employerShare", "0.10", "clusterEmployers", "5",
            "clusterPersons", "50", "clusterShare", "0.30", "singleEmployerPersons", "200",
            "largeEmployerHeadcount", "600", "largeEmployerPersons", "300", "regionPersons", "1500"),
            band(Severity.YELLOW, 2.0, 1.0, ""), band(Severity.ORANGE, 3.0, 2.0, ""), band(Severity.RED, null, 3.0, ""));
    private static final String USCC = "91110105MA01ABCD1X";
    private static final String COUNTY = "110105";

    private static long day(int d) {
        return midnight(LocalDate.of(2026, 7, 1).plusDays(d - 1));
    }

    private static List<String> severities(KeyedBroadcastOperatorTestHarness<?, ?, ?, Observation> h) {
        return h.extractOutputValues().stream()
                .map(o -> (o.severity == null ? "clear" : o.severity.id) + " " + o.evidence.get("departures"))
                .toList();
    }

    @Nested
    class AtEmployer {
        private KeyedBroadcastOperatorTestHarness<String, MassLayoffSignal, RuleDefinition, Observation> harness;
        private long version;

        @BeforeEach
        void open() throws Exception {
            harness = harness(new MassLayoffAtEmployer(live(RULE), 30), s -> s.uscc);
        }

        /** The rolling 30 days ending with day d, as of the start of day d. */
        private void departures(int d, long persons) throws Exception {
            IndicatorRow r = row("employer_departures", "rolling_30d", "county", COUNTY, "", day(d + 1) - 30 * 86_400_000L,
                    day(d + 1), day(d), String.valueOf(persons), ++version);
            r.subject = USCC;
            harness.processElement(MassLayoffSignal.departures(r), r.windowEnd - 1);
        }

        private void headcount(int d, int staff) throws Exception {
            harness.processElement(MassLayoffSignal.headcount(USCC, staff, day(d) + 3_600_000L), day(d) + 3_600_000L);
        }

        @Test
        void twentyPersonsIsYellowAndNineteenIsNot() throws Exception {
            headcount(1, 500);
            departures(1, 19);
            assertThat(severities(harness)).isEmpty();
            departures(1, 20);
            assertThat(severities(harness)).containsExactly("yellow 20");
            Observation o = harness.extractOutputValues().get(0);
            assertThat(o.scopeKey).isEqualTo(USCC);
            assertThat(o.regionCode).isEqualTo(COUNTY);
            assertThat(o.evidence).containsEntry("headcount", "500").containsEntry("share", "4.0%")
                    .containsEntry("window", "2026-06-02..2026-07-01");
        }

        @Test
        void tenPercentOfHeadcountIsYellowAndJustUnderIsNot() throws Exception {
            headcount(1, 100);
            departures(1, 9);
            assertThat(severities(harness)).isEmpty();
            departures(1, 10);
            assertThat(severities(harness)).containsExactly("yellow 10");
        }

        @Test
        void aShrinkingHeadcountRaisesTheShare() throws Exception {
            headcount(1, 200);
            departures(1, 15); // 7.5%
            headcount(2, 140); // 10.7%
            assertThat(severities(harness)).containsExactly("yellow 15");
        }

        @Test
        void aPublishedShareMinimumKeepsSmallEmployersQuiet() throws Exception {
            harness.processBroadcastElement(republished(RULE, Map.of(MassLayoffThresholds.SHARE_MIN_PERSONS, "15")), 0);
            headcount(1, 40);
            departures(1, 14); // 35%, but fewer than 15 persons
            assertThat(severities(harness)).isEmpty();
            departures(1, 15);
            assertThat(harness.extractOutputValues()).extracting(o -> o.severity.id + "@v" + o.ruleVersion)
                    .containsExactly("yellow@v2");
        }

        @Test
        void largeEmployersAndLargeLayoffsEscalate() throws Exception {
            departures(1, 200); // headcount unknown
            headcount(1, 600);
            departures(2, 299);
            departures(3, 300);
            assertThat(severities(harness)).containsExactly("orange 200", "orange 299", "red 300");
        }

        @Test
        void clearsWhenTheWindowEmptiesAndForgetsTheEmployerAfterTheRetention() throws Exception {
            headcount(1, 200);
            departures(1, 25);
            departures(2, 25); // the next day's window: same persons, nothing new to report
            departures(3, 0); // the rolling count's change point when everyone has left the window
            assertThat(severities(harness)).containsExactly("yellow 25", "clear 0");
            assertThat(harness.getSideOutput(MassLayoffAtEmployer.TO_COUNTY)).extracting(StreamRecord::getValue)
                    .extracting(e -> e.departures).containsExactly(25L, 0L);
            assertThat(keyedStateEntries(harness)).isEqualTo(1); // the headcount, for its retention

            harness.processWatermark(day(33));
            assertThat(keyedStateEntries(harness)).isZero();
        }

        @Test
        void anOlderWindowArrivingLateIsIgnored() throws Exception {
            departures(5, 30);
            IndicatorRow older = row("employer_departures", "rolling_30d", "county", COUNTY, "",
                    day(4) - 30 * 86_400_000L, day(4), day(3), "5", 99);
            older.subject = USCC;
            harness.processElement(MassLayoffSignal.departures(older), older.windowEnd - 1);
            assertThat(severities(harness)).containsExactly("yellow 30");
        }
    }

    @Nested
    class InCounty {
        private KeyedBroadcastOperatorTestHarness<String, MassLayoffEmployer, RuleDefinition, Observation> harness;

        @BeforeEach
        void open() throws Exception {
            harness = harness(new MassLayoffInCounty(live(RULE), 30), e -> e.countyCode);
        }

        private void employer(String uscc, long departures, int headcount) throws Exception {
            MassLayoffEmployer e = new MassLayoffEmployer();
            e.uscc = uscc;
            e.countyCode = COUNTY;
            e.departures = departures;
            e.headcount = headcount;
            e.windowStart = day(2) - 30 * 86_400_000L;
            e.windowEnd = day(2);
            harness.processElement(e, day(1));
        }

        @Test
        void fiveEmployersEachLosingMoreThanFiftyAreAnOrangeCluster() throws Exception {
            for (int i = 1; i <= 4; i++) {
                employer("E" + i, 51, 0);
            }
            employer("E5", 50, 0); // not more than 50
            assertThat(severities(harness)).isEmpty();
            employer("E5", 12, 40); // 30% of 40 is not more than 30%
            assertThat(severities(harness)).isEmpty();
            employer("E5", 13, 40); // 32.5%
            assertThat(severities(harness)).containsExactly("orange 217");
            Observation o = harness.extractOutputValues().get(0);
            assertThat(o.scopeKey).isEqualTo("county|" + COUNTY);
            assertThat(o.evidence).containsEntry("cluster_employers", "5");
        }

        @Test
        void clearsWhenAnEmployerFallsOutAndLeavesNoStateOnceAllHave() throws Exception {
            for (int i = 1; i <= 5; i++) {
                employer("E" + i, 60, 0);
            }
            employer("E3", 0, 0);
            assertThat(severities(harness)).containsExactly("orange 300", "clear 240");
            for (int i = 1; i <= 5; i++) {
                employer("E" + i, 0, 0);
            }
            assertThat(keyedStateEntries(harness)).isZero();
        }

        @Test
        void aPublishedRegionTotalMakesTheCountyRed() throws Exception {
            employer("E1", 60, 0);
            employer("E2", 60, 0);
            assertThat(severities(harness)).isEmpty();
            harness.processBroadcastElement(republished(RULE, Map.of("regionPersons", "120")), 0);
            employer("E2", 60, 0);
            assertThat(severities(harness)).containsExactly("red 120");
        }

        @Test
        void employersWhoseWindowIsLongOverAreDropped() throws Exception {
            for (int i = 1; i <= 5; i++) {
                employer("E" + i, 60, 0);
            }
            harness.processWatermark(day(2) + 30 * 86_400_000L);
            assertThat(severities(harness)).containsExactly("orange 300", "clear 0");
            assertThat(keyedStateEntries(harness)).isZero();
        }
    }
}
