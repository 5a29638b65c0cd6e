package cn.hrss.monitor.warnings.fund;

import static cn.hrss.monitor.warnings.IndicatorDetectorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import cn.hrss.monitor.warnings.rules.SeverityBand;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FundMonthsPayableDetectorTest {
    private static final RuleDefinition RULE = rule("fund_months_payable", RuleKind.FUND_MONTHS_PAYABLE, 1,
            Map.of("regionLevels", "city,province"),
            band(Severity.BLUE, 12.0, 9.0, "110"), band(Severity.YELLOW, 9.0, 6.0, "110"),
            band(Severity.ORANGE, 6.0, 3.0, "110"), band(Severity.RED, 3.0, null, "110"),
            band(Severity.BLUE, null, 18.0, "410"), band(Severity.YELLOW, 6.0, null, "410"));

    private KeyedBroadcastOperatorTestHarness<String, IndicatorRow, RuleDefinition, Observation> harness;
    private long version;

    @BeforeEach
    void open() throws Exception {
        harness = harness(new FundMonthsPayableDetector(live(RULE)), r -> r.regionCode + "|" + r.insuranceType);
    }

    private static long month(int m) {
        return midnight(LocalDate.of(2026, 1, 1).plusMonths(m - 1));
    }

    private void feed(int m, String insurance, String months) throws Exception {
        // Only closed months are graded: the row's as-of is the month's end.
        IndicatorRow r = row("fund_months_payable", "month", "city", "110100", insurance, month(m), month(m + 1),
                month(m + 1), months, ++version);
        harness.processElement(r, r.windowEnd - 1);
    }

    private List<String> observed() {
        List<String> out = new ArrayList<>();
        for (Observation o : harness.extractOutputValues()) {
            out.add((o.severity == null ? "clear" : o.severity.id) + " " + o.evidence.get("value"));
        }
        return out;
    }

    @Test
    void gradesByTheBandsOfTheInsuranceTypeAtTheirEdges() throws Exception {
        feed(3, "110", "12.00"); // fine: bands are "below 12"
        feed(3, "110", "11.99");
        feed(3, "110", "8.99");
        feed(3, "110", "2.99");

        assertThat(observed()).containsExactly("blue 11.99", "yellow 8.99", "red 2.99");
    }

    @Test
    void workInjuryAtEighteenMonthsIsASurplusSignal() throws Exception {
        feed(3, "410", "17.99");
        feed(3, "410", "18.00");

        assertThat(observed()).containsExactly("blue 18.00");
    }

    @Test
    void monthsWithinOneSeverityDoNotFloodButANewMonthUpdatesTheEvidence() throws Exception {
        feed(3, "110", "11.50");
        feed(3, "110", "11.40");
        feed(3, "110", "11.30");
        feed(4, "110", "11.20");

        assertThat(observed()).containsExactly("blue 11.50", "blue 11.20");
    }

    @Test
    void deEscalatesThenClearsOnceAndLeavesNoState() throws Exception {
        feed(3, "110", "5.00");
        feed(3, "110", "10.00");
        feed(3, "110", "12.50");
        feed(3, "110", "13.00");

        assertThat(observed()).containsExactly("orange 5.00", "blue 10.00", "clear 12.50");
        assertThat(keyedStateEntries(harness)).isZero();
    }

    @Test
    void anOlderRefreshArrivingLateIsIgnored() throws Exception {
        IndicatorRow newer = row("fund_months_payable", "month", "city", "110100", "110", month(3), month(4),
                month(4), "5.00", 2);
        IndicatorRow older = row("fund_months_payable", "month", "city", "110100", "110", month(3), month(4),
                month(4), "13.00", 1);
        harness.processElement(newer, newer.windowEnd - 1);
        harness.processElement(older, older.windowEnd - 1);

        assertThat(observed()).containsExactly("orange 5.00");
    }

    @Test
    void aPublishedBandChangesTheGradeOfTheNextRefresh() throws Exception {
        feed(3, "110", "10.00");
        RuleDefinition stricter = republished(RULE, Map.of());
        List<SeverityBand> bands = new ArrayList<>(RULE.bands);
        bands.set(1, band(Severity.YELLOW, 10.5, 6.0, "110"));
        stricter.bands = bands;
        harness.processBroadcastElement(stricter, 0);
        feed(3, "110", "10.00");

        assertThat(harness.extractOutputValues()).extracting(o -> o.severity + "@v" + o.ruleVersion)
                .containsExactly("BLUE@v1", "YELLOW@v2");
    }

    @Test
    void countiesAreNotGradedWhenTheRuleWatchesCitiesAndProvinces() throws Exception {
        IndicatorRow county = row("fund_months_payable", "month", "county", "110105", "110", month(3), month(4),
                month(4), "1.00", 1);
        harness.processElement(county, county.windowEnd - 1);

        assertThat(observed()).isEmpty();
        assertThat(keyedStateEntries(harness)).isZero();
    }
}
