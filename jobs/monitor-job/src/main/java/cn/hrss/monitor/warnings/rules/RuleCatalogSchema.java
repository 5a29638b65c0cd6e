package cn.hrss.monitor.warnings.rules;

import java.util.EnumMap;
import java.util.LinkedHashMap;
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
                "period", ParamType.TEXT,                // indicator period compared: month (or day)
                "ratioBelow", ParamType.NUMBER,          // income/outflow ratio below this is a breach (1.0)
                "consecutivePeriods", ParamType.INTEGER); // breaches in a row that raise the alert (2)
        define(RuleKind.FUND_MONTHS_PAYABLE, Set.of(),
                "regionLevels", ParamType.TEXT);          // bands per insurance type carry the thresholds
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

    private RuleCatalogSchema() {}

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
}
