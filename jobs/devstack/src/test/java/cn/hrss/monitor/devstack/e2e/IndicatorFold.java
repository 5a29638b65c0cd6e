package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.reference.ReferenceData;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The indicator values a set of accepted events should give, computed straight from the formulas (domain.md §3, the
 * javadoc of {@link Indicator}, {@link Period} and {@code StockIndicators}) with plain maps and loops: nothing of the
 * job's windowing or aggregation is used, so comparing the two tests the job. Every window is taken as closed, as it
 * is once a bounded run has ended.
 *
 * <p>Hour, day, month and year are calendar windows (China Standard Time): a scope (region × insurance type, or
 * employer) has a window where at least one of its events falls. The rolling periods are series of values, one per
 * boundary: rolling_24h at each hour boundary B sums the hours in [B − 24 h, B); rolling_30d at the end of each
 * calendar day D sums the 30 days ending with D.
 */
final class IndicatorFold {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long THIRTY_DAYS = 30 * DAY;
    private static final int TRAILING_MONTHS = 12;
    private static final int RATIO_SCALE = 4;
    private static final int MONTHS_PAYABLE_SCALE = 2;
    private static final String UNEMPLOYMENT_INSURANCE = "210";
    private static final String UNEMPLOYMENT_BENEFIT = "unemployment_benefit";

    /** Region (any level) × insurance type ("" for person flows) × employer USCC ("" for regional scopes). */
    record Scope(String regionCode, String regionLevel, String insuranceType, String employer) {
        boolean isEmployer() {
            return !employer.isEmpty();
        }

        boolean isPersonFlow() {
            return !isEmployer() && insuranceType.isEmpty();
        }

        boolean isFund() {
            return !isEmployer() && !insuranceType.isEmpty();
        }

        @Override
        public String toString() {
            return regionCode + "/" + (insuranceType.isEmpty() ? "-" : insuranceType) + (employer.isEmpty() ? "" : "/" + employer);
        }
    }

    /**
     * What one calendar window's row should hold.
     *
     * @param value the value, or null when it depends on the row's as_of ({@link #valueAsOf})
     * @param absentMeansZero true for sums (counts, money): the job writes a row only when the value changes, so a sum
     *     that stays 0 has no row; false where the row must be there (ratios, stocks)
     * @param valueAsOf for the months payable, which counts the running month by the share of it elapsed at as_of
     */
    record Expected(long windowEndMillis, BigDecimal value, boolean absentMeansZero,
            LongFunction<BigDecimal> valueAsOf) {}

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
        /** Persons paid unemployment benefit; null for none (most scopes have none: saves memory). */
        Set<String> benefitRecipients;
        /** Persons who left the employer; null for none. */
        Set<String> departedPersons;

        Sums add(Sums o) {
            employmentRegistrations += o.employmentRegistrations;
            employmentTerminations += o.employmentTerminations;
            unemploymentRegistrations += o.unemploymentRegistrations;
            unemploymentDeregistrations += o.unemploymentDeregistrations;
            insuredEnrolments += o.insuredEnrolments;
            insuredDepartures += o.insuredDepartures;
            incomeFen += o.incomeFen;
            outflowFen += o.outflowFen;
            benefitRecipients = union(benefitRecipients, o.benefitRecipients);
            departedPersons = union(departedPersons, o.departedPersons);
            return this;
        }

        private static Set<String> union(Set<String> into, Set<String> from) {
            if (from == null) {
                return into;
            }
            Set<String> result = into == null ? new HashSet<>() : into;
            result.addAll(from);
            return result;
        }

        static int size(Set<String> persons) {
            return persons == null ? 0 : persons.size();
        }
    }

    private final RegionDirectory regions;
    private final ReferenceData reference;
    /** Per scope, per clock hour (its start, epoch ms): what the events of that hour add up to. */
    private final Map<Scope, NavigableMap<Long, Sums>> hours = new HashMap<>();
    private final Map<Period, Map<Scope, NavigableMap<Long, Sums>>> calendarWindows = new HashMap<>();
    private final Map<Period, Map<Scope, NavigableMap<Long, Sums>>> rollingWindows = new HashMap<>();

    IndicatorFold(List<AcceptedEvent> events, RegionDirectory regions, ReferenceData reference) {
        this.regions = regions;
        this.reference = reference;
        events.forEach(this::addEvent);
    }

    /**
     * @param period hour, day, month or year
     * @return per scope, per window start: what the row of {@code indicator} should hold; no entry where there is no
     *     value (no event in the window, or an indicator the scope does not have)
     */
    Map<Scope, Map<Long, Expected>> calendar(Indicator indicator, Period period) {
        Map<Scope, Map<Long, Expected>> rows = new HashMap<>();
        windowsOf(period).forEach((scope, windows) -> windows.forEach((start, sums) -> {
            long end = endOfWindow(period, start);
            BigDecimal flow = flow(indicator, period, scope, sums);
            Expected e = stockIndicator(indicator) ? stock(indicator, period, scope, start, end)
                    : flow == null ? null : new Expected(end, flow, isSum(indicator), null);
            if (e != null) {
                rows.computeIfAbsent(scope, s -> new HashMap<>()).put(start, e);
            }
        }));
        return rows;
    }

    /**
     * @param period rolling_24h or rolling_30d
     * @return per scope, per boundary (window end, epoch ms): the value, or null where it has none (a ratio without
     *     outflow). Boundaries run from the scope's first event until every event has left the window again.
     */
    Map<Scope, NavigableMap<Long, BigDecimal>> rolling(Indicator indicator, Period period) {
        Map<Scope, NavigableMap<Long, BigDecimal>> series = new HashMap<>();
        rollingSums(period).forEach((scope, sums) -> {
            boolean applies = indicator == Indicator.FUND_INCOME_OUTFLOW_RATIO ? scope.isFund()
                    : flow(indicator, period, scope, new Sums()) != null;
            if (applies) {
                NavigableMap<Long, BigDecimal> values = new TreeMap<>();
                sums.forEach((end, s) -> values.put(end, flow(indicator, period, scope, s)));
                series.put(scope, values);
            }
        });
        return series;
    }

    /** Per scope, per boundary: the sums of the rolling window ending there. */
    private Map<Scope, NavigableMap<Long, Sums>> rollingSums(Period period) {
        return rollingWindows.computeIfAbsent(period, p -> {
            boolean daily = p == Period.ROLLING_30D;
            long span = daily ? THIRTY_DAYS : DAY;
            long step = daily ? DAY : HOUR;
            Map<Scope, NavigableMap<Long, Sums>> byScope = new HashMap<>();
            hours.forEach((scope, byHour) -> {
                NavigableMap<Long, Sums> sums = new TreeMap<>();
                long first = daily ? dayStart(byHour.firstKey()) + DAY : byHour.firstKey() + HOUR;
                long last = (daily ? dayStart(byHour.lastKey()) + DAY : byHour.lastKey() + HOUR) + span;
                for (long end = first; end <= last; end += step) {
                    Sums window = new Sums();
                    byHour.subMap(end - span, true, end, false).values().forEach(window::add);
                    sums.put(end, window);
                }
                byScope.put(scope, sums);
            });
            return byScope;
        });
    }

    private static boolean stockIndicator(Indicator indicator) {
        return indicator == Indicator.REGISTERED_UNEMPLOYED || indicator == Indicator.REGISTERED_UNEMPLOYMENT_RATE
                || indicator == Indicator.FUND_CUMULATIVE_BALANCE || indicator == Indicator.FUND_MONTHS_PAYABLE;
    }

    private static boolean isSum(Indicator indicator) {
        return indicator != Indicator.FUND_INCOME_OUTFLOW_RATIO && !stockIndicator(indicator);
    }

    private void addEvent(AcceptedEvent e) {
        long hour = Math.floorDiv(e.occurredAtMillis(), HOUR) * HOUR;
        switch (EventType.fromWireName(e.type())) {
            case EMPLOYMENT_REGISTERED -> atEveryLevel(e, "", hour, s -> s.employmentRegistrations++);
            case EMPLOYMENT_TERMINATED -> atEveryLevel(e, "", hour, s -> s.employmentTerminations++);
            case UNEMPLOYMENT_REGISTERED -> atEveryLevel(e, "", hour, s -> s.unemploymentRegistrations++);
            case UNEMPLOYMENT_DEREGISTERED -> atEveryLevel(e, "", hour, s -> s.unemploymentDeregistrations++);
            case INSURED_ENROLLED -> atEveryLevel(e, e.insuranceType(), hour, s -> s.insuredEnrolments++);
            case INSURED_LEFT -> {
                atEveryLevel(e, e.insuranceType(), hour, s -> s.insuredDepartures++);
                Region region = regions.get(e.regionCode());
                Sums employer = hourOf(new Scope(region.code(), region.level().id(), "", e.employer()), hour);
                employer.departedPersons = Sums.union(employer.departedPersons, Set.of(e.person()));
            }
            case CONTRIBUTION_PAID -> atEveryLevel(e, e.insuranceType(), hour, s -> s.incomeFen += e.amountFen());
            case BENEFIT_PAID -> atEveryLevel(e, e.insuranceType(), hour, s -> {
                s.outflowFen += e.amountFen();
                if (UNEMPLOYMENT_BENEFIT.equals(e.benefitItem())) {
                    s.benefitRecipients = Sums.union(s.benefitRecipients, Set.of(e.person()));
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
        return hours.computeIfAbsent(scope, s -> new TreeMap<>()).computeIfAbsent(hour, h -> new Sums());
    }

    private Map<Scope, NavigableMap<Long, Sums>> windowsOf(Period period) {
        return calendarWindows.computeIfAbsent(period, p -> {
            Map<Scope, NavigableMap<Long, Sums>> windows = new HashMap<>();
            hours.forEach((scope, byHour) -> byHour.forEach((hour, sums) -> windows
                    .computeIfAbsent(scope, s -> new TreeMap<>())
                    .computeIfAbsent(startOfWindow(p, hour), w -> new Sums()).add(sums)));
            return windows;
        });
    }

    private static long startOfWindow(Period period, long hour) {
        LocalDate date = Instant.ofEpochMilli(hour).atZone(CHINA).toLocalDate();
        return switch (period) {
            case HOUR -> hour;
            case DAY -> startOf(date);
            case MONTH -> startOf(date.withDayOfMonth(1));
            case YEAR -> startOf(date.withDayOfYear(1));
            case ROLLING_24H, ROLLING_30D -> throw new IllegalArgumentException(period + " is not a calendar window");
        };
    }

    private static long endOfWindow(Period period, long start) {
        LocalDate date = Instant.ofEpochMilli(start).atZone(CHINA).toLocalDate();
        return switch (period) {
            case HOUR -> start + HOUR;
            case DAY -> startOf(date.plusDays(1));
            case MONTH -> startOf(date.plusMonths(1));
            case YEAR -> startOf(date.plusYears(1));
            case ROLLING_24H, ROLLING_30D -> throw new IllegalArgumentException(period + " is not a calendar window");
        };
    }

    private static long dayStart(long millis) {
        return startOf(Instant.ofEpochMilli(millis).atZone(CHINA).toLocalDate());
    }

    private static long startOf(LocalDate date) {
        return date.atStartOfDay(CHINA).toInstant().toEpochMilli();
    }

    /** @return the flow indicator's value over these sums, or null where the scope or period has none */
    private static BigDecimal flow(Indicator indicator, Period period, Scope scope, Sums s) {
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
            // 失业保险金领取人数: distinct persons paid unemployment benefit in the calendar month.
            case UNEMPLOYMENT_BENEFIT_RECIPIENTS -> period == Period.MONTH && scope.isFund()
                    && UNEMPLOYMENT_INSURANCE.equals(scope.insuranceType()) ? count(Sums.size(s.benefitRecipients)) : null;
            // Distinct persons who left the employer, over 30 days (the layoff rule) and the month.
            case EMPLOYER_DEPARTURES -> scope.isEmployer() && (period == Period.MONTH || period == Period.ROLLING_30D)
                    ? count(Sums.size(s.departedPersons)) : null;
            case REGISTERED_UNEMPLOYED, REGISTERED_UNEMPLOYMENT_RATE, FUND_CUMULATIVE_BALANCE, FUND_MONTHS_PAYABLE ->
                    null;
        };
    }

    private Expected stock(Indicator indicator, Period period, Scope scope, long monthStart, long monthEnd) {
        if (period != Period.MONTH) {
            return null;
        }
        BigDecimal value = switch (indicator) {
            case REGISTERED_UNEMPLOYED -> scope.isPersonFlow() ? count(registeredUnemployed(scope, monthStart)) : null;
            case REGISTERED_UNEMPLOYMENT_RATE -> scope.isPersonFlow() ? unemploymentRate(scope, monthStart) : null;
            case FUND_CUMULATIVE_BALANCE -> scope.isFund() ? cumulativeBalance(scope, monthStart) : null;
            default -> null;
        };
        if (value != null) {
            return new Expected(monthEnd, value, false, null);
        }
        if (indicator == Indicator.FUND_MONTHS_PAYABLE && scope.isFund()
                && monthsPayable(scope, monthStart, monthEnd, monthEnd) != null) {
            return new Expected(monthEnd, null, false, asOf -> monthsPayable(scope, monthStart, monthEnd, asOf));
        }
        return null;
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
     * 可支付月数 = cumulative balance / average monthly outflow over the trailing 12 months. Each month observed in the
     * stream counts with its outflow, the month itself only by the share of it elapsed at {@code asOf}; months not
     * observed count at the reference average monthly outflow (StockIndicators).
     *
     * @return null while there is no outflow at all
     */
    private BigDecimal monthsPayable(Scope scope, long monthStart, long monthEnd, long asOf) {
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(monthStart).atZone(CHINA));
        long firstTrailing = startOf(month.minusMonths(TRAILING_MONTHS - 1).atDay(1));
        NavigableMap<Long, Sums> observed = monthsUpTo(scope, monthStart).tailMap(firstTrailing, true);
        long observedOutflowFen = observed.values().stream().mapToLong(m -> m.outflowFen).sum();
        BigDecimal elapsed = BigDecimal.valueOf(asOf - monthStart)
                .divide(BigDecimal.valueOf(monthEnd - monthStart), MathContext.DECIMAL128);
        BigDecimal observedMonths = BigDecimal.valueOf(observed.size() - 1).add(elapsed);
        BigDecimal missing = BigDecimal.valueOf(TRAILING_MONTHS).subtract(observedMonths).max(BigDecimal.ZERO);
        BigDecimal trailingOutflow = yuan(observedOutflowFen).add(
                reference.averageMonthlyOutflow(scope.regionCode(), scope.insuranceType()).multiply(missing));
        BigDecimal months = observedMonths.add(missing);
        if (trailingOutflow.signum() <= 0 || months.signum() <= 0) {
            return null;
        }
        // balance / (outflow / months) = balance × months / outflow, rounded once.
        return cumulativeBalance(scope, monthStart).multiply(months)
                .divide(trailingOutflow, MONTHS_PAYABLE_SCALE, RoundingMode.HALF_UP);
    }

    private NavigableMap<Long, Sums> monthsUpTo(Scope scope, long monthStart) {
        return windowsOf(Period.MONTH).get(scope).headMap(monthStart, true);
    }

    private static BigDecimal count(long n) {
        return BigDecimal.valueOf(n);
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }
}
