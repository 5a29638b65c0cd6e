package cn.hrss.monitor.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Annual targets for new urban employment (城镇新增就业) per region, from {@code employment_targets.csv}. The job does
 * not use them; the migration command loads them into ClickHouse for the dashboards (see conf/reference/README.md).
 */
public final class EmploymentTargets {
    static final String FILE = "employment_targets.csv";
    static final String HEADER = "region_code,annual_new_urban_employment";

    private EmploymentTargets() {}

    /** @return persons per region code, in file order, from the copy of conf/reference on the classpath */
    public static Map<String, Long> loadDefault() {
        try (Reader csv = ReferenceCsv.classpathResource(FILE)) {
            return load(csv, ReferenceCsv.classpathSource(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    static Map<String, Long> load(Reader csv, String source) {
        Map<String, Long> targets = new LinkedHashMap<>();
        ReferenceCsv.read(csv, source, HEADER, row -> {
            String region = row.regionCode(0);
            if (targets.put(region, row.nonNegativeLong(1, "annual_new_urban_employment")) != null) {
                throw row.error("duplicate row for region " + region);
            }
        });
        return targets;
    }
}
