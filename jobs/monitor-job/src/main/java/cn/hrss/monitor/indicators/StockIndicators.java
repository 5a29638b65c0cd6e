package cn.hrss.monitor.indicators;

import cn.hrss.monitor.reference.ReferenceData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stocks that need all history, not one window: registered unemployed and its rate, the fund's cumulative balance and
 * months payable. Keyed by scope, fed every firing of the month windows; each firing yields the stock as of that
 * month's refresh, so month-end values form the series that 同比 and 环比 compare.
 *
 * <pre>
 * registered_unemployed(m)   = opening stock + Σ over months ≤ m (registrations − deregistrations)
 * registered_unemployment_rate = registered_unemployed / (urban employed base + registered_unemployed) × 100
 * fund_cumulative_balance(m) = opening balance + Σ over months ≤ m (income − outflow)
 * fund_months_payable(m)     = fund_cumulative_balance(m) / average monthly outflow over the trailing 12 months
 * </pre>
 * Openings and the employed base are reference data as of the stream's start ({@code conf/reference/}). Where fewer
 * than 12 months have been observed, the reference average monthly outflow fills the missing months.
 */
public final class StockIndicators extends KeyedProcessFunction<String, WindowedTallies, IndicatorRow> {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int TRAILING_MONTHS = 12;

    private final ReferenceData reference;

    /** Latest total of each of the last 12 months (yyyymm → tallies). Older months are folded into {@link #folded}. */
    private transient MapState<Integer, Tallies> months;

    /** Sum of all months older than the trailing twelve: keeps state at 13 entries per scope however long it runs. */
    private transient ValueState<Tallies> folded;

    public StockIndicators(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public void open(OpenContext openContext) {
        months = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("months", Integer.class, Tallies.class));
        folded = getRuntimeContext().getState(new ValueStateDescriptor<>("folded", Tallies.class));
    }

    @Override
    public void processElement(WindowedTallies w, Context ctx, Collector<IndicatorRow> out) throws Exception {
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(w.windowStart).atZone(CHINA));
        int key = month.getYear() * 100 + month.getMonthValue();
        months.put(key, w.total.copy());
        foldMonthsBefore(month.minusMonths(TRAILING_MONTHS - 1));

        Tallies upToMonth = folded.value() == null ? w.total.emptyCopyOfScope() : folded.value().copy();
        long trailingOutflowFen = 0;
        int observedMonths = 0;
        for (Map.Entry<Integer, Tallies> e : months.entries()) {
            if (e.getKey() <= key) {
                upToMonth.add(e.getValue(), 1);
                trailingOutflowFen += e.getValue().outflowFen;
                observedMonths++;
            }
        }
        String region = w.total.regionCode;
        String insurance = w.total.insuranceType;
        if (insurance.isEmpty()) {
            long stock = reference.openingUnemployed(region)
                    + upToMonth.unemploymentRegistrations - upToMonth.unemploymentDeregistrations;
            out.collect(IndicatorRows.row(w, Indicator.REGISTERED_UNEMPLOYED, BigDecimal.valueOf(stock)));
            long labourForce = reference.urbanEmployed(region) + stock;
            if (labourForce > 0) {
                out.collect(IndicatorRows.row(w, Indicator.REGISTERED_UNEMPLOYMENT_RATE,
                        BigDecimal.valueOf(stock * 100L).divide(BigDecimal.valueOf(labourForce), 4, RoundingMode.HALF_UP)));
            }
            return;
        }
        BigDecimal cumulative = reference.openingBalance(region, insurance)
                .add(IndicatorRows.yuan(upToMonth.incomeFen - upToMonth.outflowFen));
        out.collect(IndicatorRows.row(w, Indicator.FUND_CUMULATIVE_BALANCE, cumulative));

        // The running month counts by the fraction of it that has elapsed, so a young month does not look cheap.
        double currentFraction = (double) (w.asOf - w.windowStart) / (w.windowEnd - w.windowStart);
        BigDecimal observed = BigDecimal.valueOf(observedMonths - 1).add(BigDecimal.valueOf(currentFraction));
        BigDecimal missing = BigDecimal.valueOf(TRAILING_MONTHS).subtract(observed).max(BigDecimal.ZERO);
        BigDecimal outflowSum = IndicatorRows.yuan(trailingOutflowFen)
                .add(reference.averageMonthlyOutflow(region, insurance).multiply(missing));
        BigDecimal monthsCovered = observed.add(missing);
        if (outflowSum.signum() > 0 && monthsCovered.signum() > 0) {
            BigDecimal averageOutflow = outflowSum.divide(monthsCovered, 6, RoundingMode.HALF_UP);
            out.collect(IndicatorRows.row(w, Indicator.FUND_MONTHS_PAYABLE,
                    cumulative.divide(averageOutflow, 2, RoundingMode.HALF_UP)));
        }
    }

    private void foldMonthsBefore(YearMonth firstKept) throws Exception {
        int firstKeptKey = firstKept.getYear() * 100 + firstKept.getMonthValue();
        Tallies sum = folded.value();
        boolean changed = false;
        var it = months.iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, Tallies> e = it.next();
            if (e.getKey() < firstKeptKey) {
                sum = sum == null ? e.getValue().copy() : sum.add(e.getValue(), 1);
                it.remove();
                changed = true;
            }
        }
        if (changed) {
            folded.update(sum);
        }
    }
}
