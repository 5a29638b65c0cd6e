package cn.hrss.monitor.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.reference.ReferenceData;
import cn.hrss.monitor.reference.RegionDirectory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every indicator row of a bounded run equals an independent computation over the events the job accepted (read back
 * from {@code events FINAL}, so ingestion's decisions are taken as given and only the indicators are tested). The end
 * of the input closes every window, so every row is final and must be exact: counts, money to the fen, ratios to
 * the fourth decimal. Rows are compared both ways, per indicator and period.
 */
@ExtendWith(SharedBoundedRun.class)
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "the input topics must hold this run's records only")
class IndicatorExactnessTest {
    private static BoundedRun run;
    private static IndicatorFold fold;

    @BeforeAll
    static void foldAcceptedEvents(BoundedRun shared) throws Exception {
        run = shared;
        List<AcceptedEvent> events = AcceptedEvent.readAll(run.stack.clickHouse(), run.table("events"));
        fold = new IndicatorFold(events, RegionDirectory.loadDefault(), ReferenceData.loadDefault());
    }

    @ParameterizedTest
    @EnumSource(Period.class)
    void flowIndicatorsAreExactAtEveryRegionLevelAndInsuranceType(Period period) throws Exception {
        assertExact(IndicatorCatalog.FLOWS, EnumSet.of(period));
    }

    @Test
    void stockIndicatorsAreExactEveryMonth() throws Exception {
        assertExact(IndicatorCatalog.STOCKS, EnumSet.of(Period.MONTH));
    }

    @Test
    void unemploymentBenefitRecipientsAreDistinctPersonsPerMonth() throws Exception {
        assertExact(EnumSet.of(Indicator.UNEMPLOYMENT_BENEFIT_RECIPIENTS), EnumSet.of(Period.MONTH));
    }

    @Test
    void employerDeparturesAreDistinctPersonsOverThirtyDaysAndTheMonth() throws Exception {
        assertExact(EnumSet.of(Indicator.EMPLOYER_DEPARTURES), IndicatorCatalog.EMPLOYER_PERIODS);
    }

    /** No indicator has rows for a period the catalogue does not give it (the comparisons above check only those). */
    @Test
    void noIndicatorHasRowsForOtherPeriods() throws Exception {
        Set<String> allowed = new TreeSet<>();
        for (Period p : Period.values()) {
            IndicatorCatalog.FLOWS.forEach(i -> allowed.add(i.id + "/" + p.id));
        }
        IndicatorCatalog.STOCKS.forEach(i -> allowed.add(i.id + "/" + Period.MONTH.id));
        allowed.add(Indicator.UNEMPLOYMENT_BENEFIT_RECIPIENTS.id + "/" + Period.MONTH.id);
        IndicatorCatalog.EMPLOYER_PERIODS.forEach(p -> allowed.add(Indicator.EMPLOYER_DEPARTURES.id + "/" + p.id));

        Set<String> present = new TreeSet<>();
        for (String[] r : run.stack.clickHouse().queryTsv(
                "SELECT DISTINCT indicator, period FROM " + run.table("indicators"))) {
            present.add(r[0] + "/" + r[1]);
        }

        assertThat(present).isNotEmpty();
        assertThat(allowed).containsAll(present);
    }

    /** A row's value is complete up to its as_of, which lies inside its window: past its start, not past its end. */
    @Test
    void everyRowIsCompleteUpToAPointInsideItsWindow() throws Exception {
        List<String> outside = new ArrayList<>();
        for (String[] r : run.stack.clickHouse().queryTsv("SELECT indicator, period, count(),"
                + " any(concat(region_code, ' from ', toString(window_start), ' as_of ', toString(as_of)))"
                + " FROM " + run.table("indicators") + " FINAL WHERE as_of <= window_start OR as_of > window_end"
                + " GROUP BY indicator, period ORDER BY indicator, period")) {
            outside.add(r[0] + "/" + r[1] + ": " + r[2] + " rows, e.g. " + r[3]);
        }

        assertThat(outside).as("rows whose as_of is not inside (window_start, window_end]").isEmpty();
    }

    /**
     * A calendar window the watermark passed before the input ended is closed, so its final row is complete to the
     * window's end: {@code as_of = window_end} (IndicatorRow#asOf).
     */
    @Test
    void calendarWindowsClosedBeforeTheEndOfInputAreCompleteToTheirEnd() throws Exception {
        long lastEvent = run.stack.clickHouse().queryLong(
                "SELECT max(occurred_at_ms) FROM " + run.table("events") + " FINAL");
        long closedBy = (lastEvent - run.config.ingest().maxOutOfOrderness().toMillis()) / 1000;
        List<String> incomplete = new ArrayList<>();
        for (String[] r : run.stack.clickHouse().queryTsv("SELECT indicator, period, count(),"
                + " any(concat(region_code, ' from ', toString(window_start), ' as_of ', toString(as_of)))"
                + " FROM " + run.table("indicators") + " FINAL WHERE period IN ('hour', 'day', 'month', 'year')"
                + " AND window_end <= toDateTime(" + closedBy + ") AND as_of != window_end"
                + " GROUP BY indicator, period ORDER BY indicator, period")) {
            incomplete.add(r[0] + "/" + r[1] + ": " + r[2] + " rows, e.g. " + r[3]);
        }

        assertThat(incomplete).as("closed windows whose final row has as_of before window_end").isEmpty();
    }

    private static void assertExact(Set<Indicator> indicators, Set<Period> periods) throws Exception {
        RowComparison comparison = new RowComparison(run.stack.clickHouse(), run.table("indicators"));
        IndicatorCatalog.compare(comparison, fold, indicators, periods);

        assertThat(comparison.rowsCompared()).as("rows compared").isPositive();
        assertThat(comparison.mismatches()).as(comparison.report()).isZero();
    }
}
