package cn.hrss.monitor.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Checks that a per-region value of every parent equals the sum over its children. */
final class ParentSums {

    private ParentSums() {}

    /** @return one line per parent whose value differs from its children's sum (empty when consistent) */
    static List<String> mismatches(RegionDirectory regions, Function<String, BigDecimal> valueOf) {
        Map<String, BigDecimal> sums = new HashMap<>();
        for (Region region : regions.all()) {
            if (region.parentCode() != null) {
                sums.merge(region.parentCode(), valueOf.apply(region.code()), BigDecimal::add);
            }
        }
        List<String> mismatches = new ArrayList<>();
        sums.forEach((parent, sum) -> {
            BigDecimal own = valueOf.apply(parent);
            if (own.compareTo(sum) != 0) {
                mismatches.add(parent + ": " + own + " but children sum to " + sum);
            }
        });
        return mismatches;
    }
}
