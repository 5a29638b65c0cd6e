package cn.hrss.monitor.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The flow indicators of one window firing, as rows: only values that changed since the window's previous firing, so
 * a missing row means 0 and sparse regions do not flood ClickHouse with zeros. Person-flow scopes (no insurance type) give the employment and
 * unemployment registrations; insurance scopes give enrolments, departures and the fund's income, outflow, current
 * balance and income/outflow ratio, plus benefit recipients in month windows; employer scopes give their departures.
 */
public final class IndicatorRows implements FlatMapFunction<WindowedTallies, IndicatorRow> {
    static final int RATIO_SCALE = 4;

    @Override
    public void flatMap(WindowedTallies w, Collector<IndicatorRow> out) {
        Tallies t = w.total;
        Tallies b = w.baseline;
        if (!t.employerUscc.isEmpty()) {
            // Employers are many: only the windows the layoff rule and the dashboards read become rows.
            if (Period.ROLLING_30D.id.equals(w.period) || Period.MONTH.id.equals(w.period)) {
                count(w, Indicator.EMPLOYER_DEPARTURES, t.departedPersons, b.departedPersons, out);
            }
            return;
        }
        if (t.insuranceType.isEmpty()) {
            count(w, Indicator.EMPLOYMENT_REGISTRATIONS, t.employmentRegistrations, b.employmentRegistrations, out);
            count(w, Indicator.EMPLOYMENT_TERMINATIONS, t.employmentTerminations, b.employmentTerminations, out);
            count(w, Indicator.UNEMPLOYMENT_REGISTRATIONS, t.unemploymentRegistrations, b.unemploymentRegistrations, out);
            count(w, Indicator.UNEMPLOYMENT_DEREGISTRATIONS, t.unemploymentDeregistrations,
                    b.unemploymentDeregistrations, out);
            return;
        }
        count(w, Indicator.INSURED_ENROLMENTS, t.insuredEnrolments, b.insuredEnrolments, out);
        count(w, Indicator.INSURED_DEPARTURES, t.insuredDepartures, b.insuredDepartures, out);
        if (t.incomeFen != b.incomeFen) {
            out.collect(row(w, Indicator.FUND_INCOME, yuan(t.incomeFen)));
        }
        if (t.outflowFen != b.outflowFen) {
            out.collect(row(w, Indicator.FUND_OUTFLOW, yuan(t.outflowFen)));
        }
        long balance = t.incomeFen - t.outflowFen;
        if (balance != b.incomeFen - b.outflowFen) {
            out.collect(row(w, Indicator.FUND_BALANCE, yuan(balance)));
        }
        if (t.outflowFen > 0 && (t.incomeFen != b.incomeFen || t.outflowFen != b.outflowFen)) {
            out.collect(row(w, Indicator.FUND_INCOME_OUTFLOW_RATIO, ratio(t.incomeFen, t.outflowFen)));
        }
        if (Period.MONTH.id.equals(w.period) && "210".equals(t.insuranceType)) {
            count(w, Indicator.UNEMPLOYMENT_BENEFIT_RECIPIENTS, t.benefitRecipientsFirstInMonth,
                    b.benefitRecipientsFirstInMonth, out);
        }
    }

    /** A row only when the value differs from what the window showed before (absent means 0). */
    private static void count(WindowedTallies w, Indicator indicator, long value, long before,
            Collector<IndicatorRow> out) {
        if (value != before) {
            out.collect(row(w, indicator, BigDecimal.valueOf(value)));
        }
    }

    static IndicatorRow row(WindowedTallies w, Indicator indicator, BigDecimal value) {
        IndicatorRow r = new IndicatorRow();
        r.indicator = indicator.id;
        r.period = w.period;
        r.regionLevel = w.total.regionLevel;
        r.regionCode = w.total.regionCode;
        r.insuranceType = w.total.insuranceType;
        r.subject = w.total.employerUscc;
        r.windowStart = w.windowStart;
        r.windowEnd = w.windowEnd;
        r.asOf = w.asOf;
        r.value = value;
        r.version = w.version;
        return r;
    }

    static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    static BigDecimal ratio(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATIO_SCALE, RoundingMode.HALF_UP);
    }
}
