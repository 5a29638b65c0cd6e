package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.Period;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/** Which indicator has rows for which period, and comparing the job's rows for them with an independent fold. */
final class IndicatorCatalog {
    /** Sums (and the ratio of two sums) that every period has. */
    static final Set<Indicator> FLOWS = EnumSet.of(
            Indicator.EMPLOYMENT_REGISTRATIONS, Indicator.EMPLOYMENT_TERMINATIONS,
            Indicator.UNEMPLOYMENT_REGISTRATIONS, Indicator.UNEMPLOYMENT_DEREGISTRATIONS,
            Indicator.INSURED_ENROLMENTS, Indicator.INSURED_DEPARTURES, Indicator.FUND_INCOME,
            Indicator.FUND_OUTFLOW, Indicator.FUND_BALANCE, Indicator.FUND_INCOME_OUTFLOW_RATIO);
    /** Stocks, reported per month. */
    static final Set<Indicator> STOCKS = EnumSet.of(
            Indicator.REGISTERED_UNEMPLOYED, Indicator.REGISTERED_UNEMPLOYMENT_RATE,
            Indicator.FUND_CUMULATIVE_BALANCE, Indicator.FUND_MONTHS_PAYABLE);
    static final Set<Period> EMPLOYER_PERIODS = EnumSet.of(Period.ROLLING_30D, Period.MONTH);
    /** Written as change points rather than one row per window. */
    private static final Set<Period> ROLLING = EnumSet.of(Period.ROLLING_24H, Period.ROLLING_30D);

    private IndicatorCatalog() {}

    /** Every indicator for every period it has. */
    static void compareAll(RowComparison comparison, IndicatorFold fold) throws IOException {
        compare(comparison, fold, FLOWS, EnumSet.allOf(Period.class));
        compare(comparison, fold, STOCKS, EnumSet.of(Period.MONTH));
        compare(comparison, fold, EnumSet.of(Indicator.UNEMPLOYMENT_BENEFIT_RECIPIENTS), EnumSet.of(Period.MONTH));
        compare(comparison, fold, EnumSet.of(Indicator.EMPLOYER_DEPARTURES), EMPLOYER_PERIODS);
    }

    static void compare(RowComparison comparison, IndicatorFold fold, Set<Indicator> indicators, Set<Period> periods)
            throws IOException {
        for (Period period : periods) {
            for (Indicator indicator : indicators) {
                if (ROLLING.contains(period)) {
                    comparison.compareRolling(indicator, period, fold.rolling(indicator, period));
                } else {
                    comparison.compareCalendar(indicator, period, fold.calendar(indicator, period));
                }
            }
        }
    }
}
