package cn.hrss.monitor.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The flow indicators of one window firing, as rows. Person-flow scopes (no insurance type) give the employment and
 * unemployment registrations; insurance scopes give enrolments, departures and the fund's income, outflow, current
 * balance and income/outflow ratio, plus benefit recipients in month windows; employer scopes give their departures.
 */
public final class IndicatorRows implements FlatMapFunction<WindowedTallies, IndicatorRow> {
    static final int RATIO_SCALE = 4;

    @Override
    public void flatMap(WindowedTallies w, Collector<IndicatorRow> out) {
        Tallies t = w.total;
        if (!t.employerUscc.isEmpty()) {
            // Employers are many: only the windows the layoff rule and the dashboards read become rows.
            if (Period.ROLLING_30D.id.equals(w.period) || Period.MONTH.id.equals(w.period)) {
                out.collect(row(w, Indicator.EMPLOYER_DEPARTURES, BigDecimal.valueOf(t.departedPersons)));
            }
            return;
        }
        if (t.insuranceType.isEmpty()) {
            out.collect(row(w, Indicator.EMPLOYMENT_REGISTRATIONS, BigDecimal.valueOf(t.employmentRegistrations)));
            out.collect(row(w, Indicator.EMPLOYMENT_TERMINATIONS, BigDecimal.valueOf(t.employmentTerminations)));
            out.collect(row(w, Indicator.UNEMPLOYMENT_REGISTRATIONS, BigDecimal.valueOf(t.unemploymentRegistrations)));
            out.collect(row(w, Indicator.UNEMPLOYMENT_DEREGISTRATIONS, BigDecimal.valueOf(t.unemploymentDeregistrations)));
            return;
        }
        out.collect(row(w, Indicator.INSURED_ENROLMENTS, BigDecimal.valueOf(t.insuredEnrolments)));
        out.collect(row(w, Indicator.INSURED_DEPARTURES, BigDecimal.valueOf(t.insuredDepartures)));
        out.collect(row(w, Indicator.FUND_INCOME, yuan(t.incomeFen)));
        out.collect(row(w, Indicator.FUND_OUTFLOW, yuan(t.outflowFen)));
        out.collect(row(w, Indicator.FUND_BALANCE, yuan(t.incomeFen - t.outflowFen)));
        if (t.outflowFen > 0) {
            out.collect(row(w, Indicator.FUND_INCOME_OUTFLOW_RATIO, ratio(t.incomeFen, t.outflowFen)));
        }
        if (Period.MONTH.id.equals(w.period) && "210".equals(t.insuranceType)) {
            out.collect(row(w, Indicator.UNEMPLOYMENT_BENEFIT_RECIPIENTS,
                    BigDecimal.valueOf(t.benefitRecipientsFirstInMonth)));
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
