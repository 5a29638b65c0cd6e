package cn.hrss.monitor.warnings.rules;

import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.reference.RegionLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters each rule kind takes: name → type, and which of them are structural (they shape the job graph, such
 * as a CEP pattern's length, so changing them needs a redeploy from a savepoint). The catalog validates rule files
 * against this; detectors read exactly these names.
 */
public final class RuleCatalogSchema {
    /** Parameter types as written in YAML. */
    public enum ParamType { NUMBER, INTEGER, DURATION, TEXT }

    private static final Map<RuleKind, Map<String, ParamType>> PARAMS = new EnumMap<>(RuleKind.class);
    private static final Map<RuleKind, Set<String>> STRUCTURAL = new EnumMap<>(RuleKind.class);

    static {
        define(RuleKind.FUND_IMBALANCE, Set.of("consecutivePeriods", "period"),
                "regionLevels", ParamType.TEXT,          // e.g. "city,province,nation"
                "insuranceTypes", ParamType.TEXT,        // funds watched, e.g. "110,170,210,410"
                "period", ParamType.TEXT,                // indicator period compared: month (or day)
                "ratioBelow", ParamType.NUMBER,          // income/outflow ratio below this is a breach (1.0)
                "consecutivePeriods", ParamType.INTEGER); // breaches in a row that raise the alert (2)
        define(RuleKind.FUND_MONTHS_PAYABLE, Set.of(),
                "regionLevels", ParamType.TEXT,           // bands per insurance type carry the thresholds
                "insuranceTypes", ParamType.TEXT);        // funds watched
        define(RuleKind.UNEMPLOYMENT_SURGE, Set.of("baselineDays", "rateConsecutiveMonths"),
                "regionLevels", ParamType.TEXT,           // surge check levels, e.g. "county,city"
                "baselineDays", ParamType.INTEGER,        // days of history for mean and σ (28)
                "sigmas", ParamType.NUMBER,               // k in mean + kσ (3)
                "minCount", ParamType.INTEGER,            // registrations a day below which nothing fires (20)
                "rateAtLeast", ParamType.NUMBER,          // registered unemployment rate in % (6.0)
                "rateConsecutiveMonths", ParamType.INTEGER); // months in a row at or above it (2)
        define(RuleKind.MASS_LAYOFF, Set.of("windowDays"),
                "windowDays", ParamType.INTEGER,          // rolling window (30)
                "employerPersons", ParamType.INTEGER,     // one employer: persons left (20) ...
                "employerShare", ParamType.NUMBER,        // ... or share of headcount (0.10) → yellow
                "shareMinPersons", ParamType.INTEGER,     // shares count from this many persons up (10)
                "clusterEmployers", ParamType.INTEGER,    // one county: employers (5) each losing ...
                "clusterPersons", ParamType.INTEGER,      // ... more than persons (50) ...
                "clusterShare", ParamType.NUMBER,         // ... or share (0.30) → orange
                "singleEmployerPersons", ParamType.INTEGER, // one employer at once (200) → orange
                "largeEmployerHeadcount", ParamType.INTEGER, // employer of at least (600) ...
                "largeEmployerPersons", ParamType.INTEGER,   // ... laying off at least (300) → red
                "regionPersons", ParamType.INTEGER);      // across employers in a county (1500) → red
        define(RuleKind.BENEFIT_AFTER_DEATH, Set.of(),
                "graceMonths", ParamType.INTEGER,         // months after the month of death still fine (0)
                "retention", ParamType.DURATION);         // how long deaths and payments are remembered (400d)
        define(RuleKind.UI_WHILE_EMPLOYED, Set.of(),
                "retention", ParamType.DURATION);         // how long payments and enrolments are remembered (400d)
        define(RuleKind.DATA_ABSENCE, Set.of("scopeBy"),
                "scopeBy", ParamType.TEXT,                // "source" (topic family) or "region" (a city)
                "expectedGap", ParamType.DURATION,        // silence longer than this raises the alert (wall time)
                "checkEvery", ParamType.DURATION);        // how often silence is checked
    }

    // Validation info: what a rule of each kind may say besides its parameters (see alerts/README.md).

    /**
     * Placeholders every title and summary may use, filled by the alert lifecycle: the region's Chinese name and code,
     * the colour (黄, 橙...), the rule's Chinese name, the insurance type's Chinese name, the employer's USCC, the
     * person's pseudonym, the data source.
     */
    public static final List<String> COMMON_PLACEHOLDERS =
            List.of("region", "region_code", "severity", "rule", "insurance", "employer", "person", "source");

    private static final Map<RuleKind, List<String>> SCOPES = new EnumMap<>(RuleKind.class);
    private static final Map<RuleKind, List<String>> PLACEHOLDERS = new EnumMap<>(RuleKind.class);
    /** Fraud suspicions open a case for a person to review; they never act by themselves (domain.md §4). */
    private static final Set<RuleKind> HUMAN_REVIEW = Set.of(RuleKind.BENEFIT_AFTER_DEATH, RuleKind.UI_WHILE_EMPLOYED);
    /** Text parameters with a closed set of values; list parameters are comma-separated. */
    private static final Map<String, Set<String>> TEXT_VALUES = Map.of(
            "regionLevels", ids(Arrays.stream(RegionLevel.values()).map(RegionLevel::id).toList()),
            "period", ids(Arrays.stream(Period.values()).map(p -> p.id).toList()),
            "scopeBy", ids(List.of("source", "region")),
            "insuranceTypes", ids(Arrays.stream(InsuranceType.values()).map(t -> t.code).toList()));
    private static final Set<String> LIST_PARAMS = Set.of("regionLevels", "insuranceTypes");

    static {
        // Evidence keys a detector of the kind puts on each observation that holds; templates use them as {key}.
        describe(RuleKind.FUND_IMBALANCE, List.of("region"),
                "value", "threshold", "latest_period", "first_period", "consecutive_periods", "values", "detail");
        describe(RuleKind.FUND_MONTHS_PAYABLE, List.of("region"),
                "value", "month", "indicator", "bands");
        describe(RuleKind.UNEMPLOYMENT_SURGE, List.of("region"),
                "day", "count", "threshold", "min_count", "baseline_mean", "baseline_sigma", "baseline_days", "value",
                "latest_period", "first_period", "consecutive_periods", "values", "detail");
        describe(RuleKind.MASS_LAYOFF, List.of("employer", "region"),
                "departures", "headcount", "share", "window", "window_days", "thresholds", "employers",
                "cluster_employers");
        describe(RuleKind.BENEFIT_AFTER_DEATH, List.of("person"),
                "value", "monthsPaidAfterDeath", "deathMonth", "graceMonths", "benefitMonth", "amount", "benefitItems");
        describe(RuleKind.UI_WHILE_EMPLOYED, List.of("person"),
                "value", "monthsOverlapping", "benefitMonth", "enrolmentMonth", "employers", "amount");
        describe(RuleKind.DATA_ABSENCE, List.of("source", "region"),
                "value", "silenceMinutes", "silenceSeconds", "silentFor", "lastSeen", "expectedGap");
    }

    private RuleCatalogSchema() {}

    private static void describe(RuleKind kind, List<String> scopes, String... placeholders) {
        SCOPES.put(kind, scopes);
        List<String> all = new ArrayList<>(COMMON_PLACEHOLDERS);
        all.addAll(List.of(placeholders));
        PLACEHOLDERS.put(kind, List.copyOf(all));
    }

    private static Set<String> ids(List<String> values) {
        return new LinkedHashSet<>(values);
    }

    private static void define(RuleKind kind, Set<String> structural, Object... nameTypePairs) {
        Map<String, ParamType> params = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            params.put((String) nameTypePairs[i], (ParamType) nameTypePairs[i + 1]);
        }
        PARAMS.put(kind, params);
        STRUCTURAL.put(kind, structural);
    }

    /** @return every parameter the kind requires, in declaration order */
    public static Map<String, ParamType> params(RuleKind kind) {
        return PARAMS.get(kind);
    }

    public static Set<String> structuralParams(RuleKind kind) {
        return STRUCTURAL.get(kind);
    }

    /** @return the scopes a rule of the kind may name ({@code scope: employer,region} lists several) */
    public static List<String> scopes(RuleKind kind) {
        return SCOPES.get(kind);
    }

    /** @return the {placeholders} the kind's templates may use: the common ones, then the kind's evidence keys */
    public static List<String> placeholders(RuleKind kind) {
        return PLACEHOLDERS.get(kind);
    }

    public static boolean requiresHumanReview(RuleKind kind) {
        return HUMAN_REVIEW.contains(kind);
    }

    /** @return the values a text parameter may take, or null if any text will do */
    public static Set<String> allowedTextValues(String param) {
        return TEXT_VALUES.get(param);
    }

    /** @return true if the text parameter is a comma-separated list of allowed values */
    public static boolean isListParam(String param) {
        return LIST_PARAMS.contains(param);
    }
}
