package cn.hrss.monitor.reference;

import java.util.Locale;

/** The administrative levels that indicators roll up through, from the top down. */
public enum RegionLevel {
    NATION,
    PROVINCE,
    CITY,
    COUNTY;

    /** @return the lower-case id used in {@code regions.csv} and in indicator rows ("nation", "province", ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the level with this {@link #id()}, or {@code null} if there is none. */
    public static RegionLevel fromId(String id) {
        for (RegionLevel level : values()) {
            if (level.id().equals(id)) {
                return level;
            }
        }
        return null;
    }
}
