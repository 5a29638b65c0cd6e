package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.reference.ReferenceData;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The indicator rows a set of accepted events should give, computed straight from the formulas (domain.md §3, the
 * javadoc of {@link Indicator}, {@link Period} and {@code StockIndicators}) with plain maps and loops: nothing of the
 * job's windowing or aggregation is used, so comparing the two tests the job. Every window is taken as closed, as it
 * is once a bounded run has ended.
 *
 * <p>A window exists for a scope (region × insurance type, or employer) when at least one event of that scope falls
 * into it. Its sums may be zero (a window of contributions only has no enrolments); the job leaves such rows out.
 */
final class IndicatorFold {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int TRAILING_MONTHS = 12;
    private static final int RATIO_SCALE = 4;
    private static final int MONTHS_PAYABLE_SCALE = 2;
    private static final String UNEMPLOYMENT_INSURANCE = "210";
    private static final String UNEMPLOYMENT_BENEFIT = "unemployment_benefit";

    /** A row's identity within one indicator and period. */
    record RowKey(String regionCode, String insuranceType, String subject, long windowStartMillis) {
        @Override
        public String toString() {
            return regionCode + "/" + (insuranceType.isEmpty() ? "-" : insuranceType)
                    + (subject.isEmpty() ? "" : "/" + subject) + "@" + Instant.ofEpochMilli(windowStartMillis)
                            .atZone(CHINA).toLocalDateTime();
        }
    }

    /**
     * What a row should hold.
     *
     * @param absentMeansZero true for sums (counts, money): the job writes a row only when the value changes, so a sum
     *     that stays 0 has no row; false where the row must be there (ratios, stocks)
     */
    record Expected(String regionLevel, long windowEndMillis, BigDecimal value, boolean absentMeansZero) {}

    /** Region (any level) × insurance type ("" for person flows) × employer USCC ("" for regional scopes). */
    private record Scope(String regionCode, String regionLevel, String insuranceType, String employer) {
        boolean isEmployer() {
            return !employer.isEmpty();
        }

        boolean isPersonFlow() {
            return !isEmployer() && insuranceType.isEmpty();
        }

        boolean isFund() {
            return !isEmployer() && !insuranceType.isEmpty();
        }
    }

    private record Window(long start, long end) {}

    private record ScopedWindow(Scope scope, Window window) {}

    /** Additive totals of a scope over some span of event time, plus the persons behind the distinct counts. */
    private static final class Sums {
        long employmentRegistrations;
        long employmentTerminations;
        long unemploymentRegistrations;
        long unemploymentDeregistrations;
        long insuredEnrolments;
        long insuredDepartures;
        long incomeFen;
        long outflowFen;
        /** Persons paid unemployment benefit. */
        final Set<String> benefitRecipients = new HashSet<>(0);
        /** Persons who left the employer. */
        final Set<String> departedPersons = new HashSet<>(0);

        void add(Sums o) {
            employmentRegistrations += o.employmentRegistrations;
            employmentTerminations += o.employmentTerminations;
            unemploymentRegistrations += o.unemploymentRegistrations;
            unemploymentDeregistrations += o.unemploymentDeregistrations;
            insuredEnrolments += o.insuredEnrolments;
            insuredDepartures += o.insuredDepartures;
            incomeFen += o.incomeFen;
            outflowFen += o.outflowFen;
            benefitRecipients.addAll(o.benefitRecipients);
            departedPersons.addAll(o.departedPersons);
        }
    }

    private final RegionDirectory regions;
    private final ReferenceData reference;
    /** Per scope, per clock hour (its start, epoch ms): what the events of that hour add up to. */
    private final Map<Scope, Map<Long, Sums>> hours = new HashMap<>();
    private final Map<Period, Map<ScopedWindow, Sums>> windowsByPeriod = new EnumMap<>(Period.class);
    /** Per regional scope, its month windows by start: the series the stocks accumulate. */
    private Map<Scope, NavigableMap<Long, Sums>> monthSeries;

    IndicatorFold(List<AcceptedEvent> events, RegionDirectory regions, ReferenceData reference) {
        this.regions = regions;
        this.reference = reference;
        events.forEach(this::addEvent);
    }

    /** @return the rows {@code indicator} should have over {@code period} */
    Map<RowKey, Expected> expected(Indicator indicator, Period period) {
        Map<RowKey, Expected> rows = new HashMap<>();
        windows(period).forEach((sw, sums) -> {
            BigDecimal value = value(indicator, period, sw, sums);
            if (value != null) {
                Scope s = sw.scope();
                rows.put(new RowKey(s.regionCode(), s.insuranceType(), s.employer(), sw.window().start()),
                        new Expected(s.regionLevel(), sw.window().end(), value, isSum(indicator)));
            }
        });
        return rows;
    }

    private static boolean isSum(Indicator indicator) {
        return indicator != Indicator.FUND_INCOME_OUTFLOW_RATIO && indicator != Indicator.REGISTERED_UNEMPLOYED
                && indicator != Indicator.REGISTERED_UNEMPLOYMENT_RATE && indicator != Indicator.FUND_CUMULATIVE_BALANCE
                && indicator != Indicator.FUND_MONTHS_PAYABLE;
    }

    private void addEvent(AcceptedEvent e) {
        long hour = Math.floorDiv(e.occurredAtMillis(), HOUR) * HOUR;
        EventType type = EventType.fromWireName(e.type());
        switch (type) {
            case EMPLOYMENT_REGISTERED -> atEveryLevel(e, "", hour, s -> s.employmentRegistrations++);
            case EMPLOYMENT_TERMINATED -> atEveryLevel(e, "", hour, s -> s.employmentTerminations++);
            case UNEMPLOYMENT_REGISTERED -> atEveryLevel(e, "", hour, s -> s.unemploymentRegistrations++);
            case UNEMPLOYMENT_DEREGISTERED -> atEveryLevel(e, "", hour, s -> s.unemploymentDeregistrations++);
            case INSURED_ENROLLED -> atEveryLevel(e, e.insuranceType(), hour, s -> s.insuredEnrolments++);
            case INSURED_LEFT -> {
                atEveryLevel(e, e.insuranceType(), hour, s -> s.insuredDepartures++);
                Region region = regions.get(e.regionCode());
                hourOf(new Scope(region.code(), region.level().id(), "", e.employer()), hour)
                        .departedPersons.add(e.person());
            }
            case CONTRIBUTION_PAID -> atEveryLevel(e, e.insuranceType(), hour, s -> s.incomeFen += e.amountFen());
            case BENEFIT_PAID -> atEveryLevel(e, e.insuranceType(), hour, s -> {
                s.outflowFen += e.amountFen();
                if (UNEMPLOYMENT_BENEFIT.equals(e.benefitItem())) {
                    s.benefitRecipients.add(e.person());
                }
            });
            case DEATH_RECORDED, IMPRISONMENT_RECORDED -> { } // inputs of fraud rules, not of indicators
        }
    }

    /** Regions roll up county → city → province → nation: the event counts at each level. */
    private void atEveryLevel(AcceptedEvent e, String insuranceType, long hour, Consumer<Sums> change) {
        for (Region r : regions.rollup(e.regionCode())) {
            change.accept(hourOf(new Scope(r.code(), r.level().id(), insuranceType, ""), hour));
        }
    }

    private Sums hourOf(Scope scope, long hour) {
        return hours.computeIfAbsent(scope, s -> new HashMap<>()).computeIfAbsent(hour, h -> new Sums());
    }

    private Map<ScopedWindow, Sums> windows(Period period) {
        return windowsByPeriod.computeIfAbsent(period, p -> {
            Map<ScopedWindow, Sums> windows = new HashMap<>();
            hours.forEach((scope, byHour) -> byHour.forEach((hour, sums) -> {
                for (Window w : windowsContaining(p, hour)) {
                    windows.computeIfAbsent(new ScopedWindow(scope, w), k -> new Sums()).add(sums);
                }
            }));
            return windows;
        });
    }

    /** The windows of {@code period} that contain the clock hour starting at {@code hour}. */
    private static List<Window> windowsContaining(Period period, long hour) {
        List<Window> windows = new ArrayList<>();
        LocalDate date = Instant.ofEpochMilli(hour).atZone(CHINA).toLocalDate();
        long dayStart = startOf(date);
        switch (period) {
            case HOUR -> windows.add(new Window(hour, hour + HOUR));
            case DAY -> windows.add(new Window(dayStart, startOf(date.plusDays(1))));
            // The 24 hours ending at each hour boundary: the ones ending 1 to 24 hours after this hour began.
            case ROLLING_24H -> {
                for (int k = 0; k < 24; k++) {
                    windows.add(new Window(hour - k * HOUR, hour - k * HOUR + DAY));
                }
            }
            // The 30 calendar days ending at each day boundary (China Standard Time has no DST: days are 24 h).
            case ROLLING_30D -> {
                for (int k = 0; k < 30; k++) {
                    windows.add(new Window(dayStart - k * DAY, dayStart - k * DAY + 30 * DAY));
                }
            }
            case MONTH -> windows.add(new Window(startOf(date.withDayOfMonth(1)),
                    startOf(date.withDayOfMonth(1).plusMonths(1))));
            case YEAR -> windows.add(new Window(startOf(date.withDayOfYear(1)),
                    startOf(date.withDayOfYear(1).plusYears(1))));
        }
        return windows;
    }

    private static long startOf(LocalDate date) {
        return date.atStartOfDay(CHINA).toInstant().toEpochMilli();
    }

    /** @return the indicator's value in this window, or null where the indicator has no row */
    private BigDecimal value(Indicator indicator, Period period, ScopedWindow sw, Sums s) {
        Scope scope = sw.scope();
        boolean month = period == Period.MONTH;
        return switch (indicator) {
            case EMPLOYMENT_REGISTRATIONS -> scope.isPersonFlow() ? count(s.employmentRegistrations) : null;
            case EMPLOYMENT_TERMINATIONS -> scope.isPersonFlow() ? count(s.employmentTerminations) : null;
            case UNEMPLOYMENT_REGISTRATIONS -> scope.isPersonFlow() ? count(s.unemploymentRegistrations) : null;
            case UNEMPLOYMENT_DEREGISTRATIONS -> scope.isPersonFlow() ? count(s.unemploymentDeregistrations) : null;
            case INSURED_ENROLMENTS -> scope.isFund() ? count(s.insuredEnrolments) : null;
            case INSURED_DEPARTURES -> scope.isFund() ? count(s.insuredDepartures) : null;
            case FUND_INCOME -> scope.isFund() ? yuan(s.incomeFen) : null;
            case FUND_OUTFLOW -> scope.isFund() ? yuan(s.outflowFen) : null;
            case FUND_BALANCE -> scope.isFund() ? yuan(s.incomeFen - s.outflowFen) : null;
            // 收支比 = income / outflow: no value while nothing was paid out.
            case FUND_INCOME_OUTFLOW_RATIO -> scope.isFund() && s.outflowFen > 0
                    ? BigDecimal.valueOf(s.incomeFen).divide(BigDecimal.valueOf(s.outflowFen), RATIO_SCALE,
                            RoundingMode.HALF_UP)
                    : null;
            case UNEMPLOYMENT_BENEFIT_RECIPIENTS -> month && scope.isFund()
                    && UNEMPLOYMENT_INSURANCE.equals(scope.insuranceType()) ? count(s.benefitRecipients.size()) : null;
            case EMPLOYER_DEPARTURES -> scope.isEmployer() && (month || period == Period.ROLLING_30D)
                    ? count(s.departedPersons.size()) : null;
            case REGISTERED_UNEMPLOYED -> month && scope.isPersonFlow()
                    ? count(registeredUnemployed(scope, sw.window().start())) : null;
            case REGISTERED_UNEMPLOYMENT_RATE -> month && scope.isPersonFlow()
                    ? unemploymentRate(scope, sw.window().start()) : null;
            case FUND_CUMULATIVE_BALANCE -> month && scope.isFund()
                    ? cumulativeBalance(scope, sw.window().start()) : null;
            case FUND_MONTHS_PAYABLE -> month && scope.isFund() ? monthsPayable(scope, sw.window().start()) : null;
        };
    }

    /** 城镇登记失业人数 = opening stock + registrations − deregistrations up to the end of the month. */
    private long registeredUnemployed(Scope scope, long monthStart) {
        long stock = reference.openingUnemployed(scope.regionCode());
        for (Sums m : monthsUpTo(scope, monthStart).values()) {
            stock += m.unemploymentRegistrations - m.unemploymentDeregistrations;
        }
        return stock;
    }

    /** 城镇登记失业率 = registered unemployed / (urban employed + registered unemployed) × 100. */
    private BigDecimal unemploymentRate(Scope scope, long monthStart) {
        long unemployed = registeredUnemployed(scope, monthStart);
        long labourForce = reference.urbanEmployed(scope.regionCode()) + unemployed;
        return labourForce <= 0 ? null : BigDecimal.valueOf(unemployed * 100)
                .divide(BigDecimal.valueOf(labourForce), RATIO_SCALE, RoundingMode.HALF_UP);
    }

    /** 累计结余(t) = 累计结余(t−1) + 当期结余, from the opening balance. */
    private BigDecimal cumulativeBalance(Scope scope, long monthStart) {
        long balanceFen = 0;
        for (Sums m : monthsUpTo(scope, monthStart).values()) {
            balanceFen += m.incomeFen - m.outflowFen;
        }
        return reference.openingBalance(scope.regionCode(), scope.insuranceType()).add(yuan(balanceFen));
    }

    /**
     * 可支付月数 = cumulative balance / average monthly outflow over the trailing 12 months. Months of the trailing
     * twelve without observed outflow (before the stream began) count at the reference average monthly outflow; the
     * month itself is closed, so it counts as a whole month.
     */
    private BigDecimal monthsPayable(Scope scope, long monthStart) {
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(monthStart).atZone(CHINA));
        long firstTrailing = startOf(month.minusMonths(TRAILING_MONTHS - 1).atDay(1));
        NavigableMap<Long, Sums> observed = monthsUpTo(scope, monthStart).tailMap(firstTrailing, true);
        long observedOutflowFen = observed.values().stream().mapToLong(m -> m.outflowFen).sum();
        int missing = Math.max(0, TRAILING_MONTHS - observed.size());
        BigDecimal trailingOutflow = yuan(observedOutflowFen).add(
                reference.averageMonthlyOutflow(scope.regionCode(), scope.insuranceType())
                        .multiply(BigDecimal.valueOf(missing)));
        if (trailingOutflow.signum() <= 0) {
            return null;
        }
        // balance / (outflow / months) = balance × months / outflow, rounded once.
        BigDecimal months = BigDecimal.valueOf(observed.size() + missing);
        return cumulativeBalance(scope, monthStart).multiply(months)
                .divide(trailingOutflow, MONTHS_PAYABLE_SCALE, RoundingMode.HALF_UP);
    }

    private NavigableMap<Long, Sums> monthsUpTo(Scope scope, long monthStart) {
        if (monthSeries == null) {
            monthSeries = new HashMap<>();
            windows(Period.MONTH).forEach((sw, sums) -> monthSeries
                    .computeIfAbsent(sw.scope(), s -> new TreeMap<>()).put(sw.window().start(), sums));
        }
        return monthSeries.get(scope).headMap(monthStart, true);
    }

    private static BigDecimal count(long n) {
        return BigDecimal.valueOf(n);
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }
}
