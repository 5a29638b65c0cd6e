package cn.hrss.monitor.tools.clickhouse;

import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.reference.EmploymentTargets;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.reference.RegionLevel;
import cn.hrss.monitor.warnings.lifecycle.RegionNames;
import cn.hrss.monitor.warnings.rules.RuleCatalog;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.SeverityBand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills the reference tables of migration 005 (regions, employment_targets, insurance_types, rule_bands) from the
 * job's reference data and rule catalog, so dashboards read the same figures and thresholds the job uses. Each table
 * is emptied and written whole: running it again never duplicates rows, and a row removed from a file disappears.
 */
public final class ClickHouseReferenceTables {
    private final ClickHouseQueries queries;

    public ClickHouseReferenceTables(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** Loads the data the job jar carries (conf/reference, alerts/rules). @return rows written per table */
    public Map<String, Integer> loadDefault() throws IOException {
        return load(RegionDirectory.loadDefault(), EmploymentTargets.loadDefault(),
                RuleCatalog.loadDefault());
    }

    Map<String, Integer> load(RegionDirectory regions, Map<String, Long> targets, List<RuleDefinition> rules)
            throws IOException {
        RegionNames names = new RegionNames(regions);
        List<List<Object>> regionRows = new ArrayList<>();
        for (Region r : regions.all()) {
            regionRows.add(List.of(r.code(), r.name(), names.displayName(r.code()), r.level().id(),
                    r.parentCode() == null ? "" : r.parentCode(),
                    ancestorAt(regions, r, RegionLevel.PROVINCE), ancestorAt(regions, r, RegionLevel.CITY)));
        }
        List<List<Object>> targetRows = new ArrayList<>();
        targets.forEach((region, persons) -> targetRows.add(List.of(region, persons)));
        List<List<Object>> typeRows = new ArrayList<>();
        for (InsuranceType t : InsuranceType.values()) {
            typeRows.add(List.of(t.code, t.chineseName));
        }
        List<List<Object>> bandRows = new ArrayList<>();
        for (RuleDefinition rule : rules) {
            for (SeverityBand b : rule.bands) {
                bandRows.add(List.of(rule.id, rule.name, rule.version, b.severity.id, b.severity.chineseName, b.severity.level,
                        b.insuranceType, b.atLeast == null ? Double.NEGATIVE_INFINITY : b.atLeast,
                        b.below == null ? Double.POSITIVE_INFINITY : b.below));
            }
        }
        replace("regions", regionRows);
        replace("employment_targets", targetRows);
        replace("insurance_types", typeRows);
        replace("rule_bands", bandRows);
        return Map.of("regions", regionRows.size(), "employment_targets", targetRows.size(),
                "insurance_types", typeRows.size(), "rule_bands", bandRows.size());
    }

    /** @return the code of {@code region}'s ancestor at {@code level} (itself at that level), "" above it */
    private static String ancestorAt(RegionDirectory regions, Region region, RegionLevel level) {
        return regions.rollup(region.code()).stream().filter(r -> r.level() == level).map(Region::code)
                .findFirst().orElse("");
    }

    private void replace(String table, List<List<Object>> rows) throws IOException {
        String name = queries.endpoint().table(table);
        queries.execute("TRUNCATE TABLE " + name);
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder insert = new StringBuilder("INSERT INTO " + name + " VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            insert.append(i == 0 ? "(" : ", (");
            List<Object> row = rows.get(i);
            for (int j = 0; j < row.size(); j++) {
                insert.append(j == 0 ? "" : ", ").append(literal(row.get(j)));
            }
            insert.append(')');
        }
        queries.execute(insert.toString());
    }

    private static String literal(Object value) {
        if (value instanceof Double d && d.isInfinite()) {
            return d > 0 ? "inf" : "-inf";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "'" + value.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
