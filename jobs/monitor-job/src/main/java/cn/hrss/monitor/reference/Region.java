package cn.hrss.monitor.reference;

import java.io.Serializable;
import java.util.Objects;

/**
 * One row of {@code regions.csv}: a GB/T 2260 administrative region.
 *
 * @param code six-digit region code; the nation is {@link RegionDirectory#NATION_CODE}
 * @param name Chinese name as published (several cities are called 市辖区: show it with its parent)
 * @param parentCode the code of the enclosing region, or {@code null} for the nation
 * @param population resident population used as a weight (see {@code conf/reference/README.md})
 */
public record Region(String code, String name, RegionLevel level, String parentCode, long population)
        implements Serializable {

    public Region {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
    }
}
