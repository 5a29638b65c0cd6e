package cn.hrss.monitor.warnings.lifecycle;

import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.reference.RegionLevel;
import java.util.List;

/**
 * Region names as a duty officer reads them: the province and city before a county (北京市朝阳区, since several
 * cities have a 朝阳区), without the placeholder names 市辖区 and 县 of intermediate levels.
 */
public final class RegionNames {
    private static final List<String> PLACEHOLDERS = List.of("市辖区", "县");

    private final RegionDirectory regions;

    public RegionNames(RegionDirectory regions) {
        this.regions = regions;
    }

    /** @return the display name, or "" for an empty or unknown code */
    public String displayName(String code) {
        List<Region> chain = regions.rollup(code);
        if (chain.isEmpty()) {
            return "";
        }
        StringBuilder name = new StringBuilder();
        // rollup lists the region first and the nation last; the nation is left out of the prefix.
        for (int i = chain.size() - 1; i >= 0; i--) {
            Region r = chain.get(i);
            boolean self = i == 0;
            if (self || (r.level() != RegionLevel.NATION && !PLACEHOLDERS.contains(r.name()))) {
                name.append(r.name());
            }
        }
        return name.toString();
    }
}
