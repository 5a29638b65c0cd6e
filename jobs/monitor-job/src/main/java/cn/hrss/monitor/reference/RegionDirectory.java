package cn.hrss.monitor.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GB/T 2260 regions of {@code conf/reference/regions.csv}: validates region codes and rolls a county up to
 * its city, province and the nation. Lookups are plain hash-map reads and roll-ups are precomputed, because
 * both run once per event. Immutable, and serialisable so Flink operators can carry it.
 */
public final class RegionDirectory implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The code commonly used for the nation as a whole. */
    public static final String NATION_CODE = "100000";

    static final String FILE = "regions.csv";
    static final String HEADER = "code,name,level,parent_code,population";

    private static RegionDirectory defaultDirectory;

    private final List<Region> all;
    private final Map<String, Region> byCode;
    private final Map<RegionLevel, List<Region>> byLevel;
    /** Per code: the region, then each ancestor up to the nation (immutable lists, shared with callers). */
    private final Map<String, List<Region>> rollups;

    private RegionDirectory(List<Region> all, Map<String, Region> byCode) {
        this.all = List.copyOf(all);
        this.byCode = byCode;
        this.byLevel = new EnumMap<>(RegionLevel.class);
        for (RegionLevel level : RegionLevel.values()) {
            byLevel.put(level, all.stream().filter(r -> r.level() == level).toList());
        }
        this.rollups = new HashMap<>();
        for (Region region : all) {
            List<Region> chain = new ArrayList<>(RegionLevel.values().length);
            for (Region r = region; r != null; r = r.parentCode() == null ? null : byCode.get(r.parentCode())) {
                chain.add(r);
            }
            rollups.put(region.code(), List.copyOf(chain));
        }
    }

    /** @return the directory shipped in the job jar ({@code /reference/regions.csv}), loaded once. */
    public static synchronized RegionDirectory loadDefault() {
        if (defaultDirectory == null) {
            try (Reader reader = ReferenceCsv.classpathResource(FILE)) {
                defaultDirectory = load(reader, ReferenceCsv.classpathSource(FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return defaultDirectory;
    }

    /**
     * Parses a regions CSV. Besides the row format it checks that codes are unique, that the nation row is
     * {@link #NATION_CODE}, and that every other region's parent exists one level up, so every roll-up ends at
     * the nation.
     *
     * @param sourceName how errors name the file (a path or resource name)
     * @throws IllegalArgumentException naming {@code sourceName} and the line of the first bad row
     */
    public static RegionDirectory load(Reader csv, String sourceName) {
        Map<String, Region> byCode = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        ReferenceCsv.read(csv, sourceName, HEADER, row -> {
            Region region = parse(row);
            if (byCode.putIfAbsent(region.code(), region) != null) {
                throw row.error("duplicate region code " + region.code());
            }
            lineOf.put(region.code(), row.line());
        });
        if (!byCode.containsKey(NATION_CODE)) {
            throw new IllegalArgumentException(sourceName + ": no row for the nation (" + NATION_CODE + ")");
        }
        for (Region region : byCode.values()) {
            checkParent(region, byCode, sourceName, lineOf.get(region.code()));
        }
        return new RegionDirectory(new ArrayList<>(byCode.values()), new HashMap<>(byCode));
    }

    private static Region parse(ReferenceCsv.Row row) {
        String code = row.regionCode(0);
        String name = row.field(1);
        if (name.isBlank()) {
            throw row.error("region " + code + " has no name");
        }
        RegionLevel level = RegionLevel.fromId(row.field(2));
        if (level == null) {
            throw row.error("unknown level '" + row.field(2) + "'");
        }
        String parentCode = row.field(3).isEmpty() ? null : row.regionCode(3);
        if ((level == RegionLevel.NATION) != (parentCode == null)) {
            throw row.error("only the nation has no parent code");
        }
        if (level == RegionLevel.NATION && !code.equals(NATION_CODE)) {
            throw row.error("the nation must be coded " + NATION_CODE + ", got " + code);
        }
        return new Region(code, name, level, parentCode, row.nonNegativeLong(4, "population"));
    }

    private static void checkParent(Region region, Map<String, Region> byCode, String source, int line) {
        if (region.parentCode() == null) {
            return;
        }
        Region parent = byCode.get(region.parentCode());
        if (parent == null) {
            throw ReferenceCsv.error(source, line, "parent " + region.parentCode() + " of " + region.code()
                    + " is not in the file");
        }
        if (parent.level().ordinal() != region.level().ordinal() - 1) {
            throw ReferenceCsv.error(source, line, "parent " + parent.code() + " of " + region.level().id() + " "
                    + region.code() + " is a " + parent.level().id());
        }
    }

    /** @return whether {@code code} is a known region ({@code false} for {@code null}). */
    public boolean isKnown(String code) {
        return byCode.containsKey(code);
    }

    /** @return the region, or {@code null} if the code is unknown. */
    public Region get(String code) {
        return byCode.get(code);
    }

    /** @return every region in file order (immutable). */
    public List<Region> all() {
        return all;
    }

    /** @return the regions at one level, in file order (immutable). */
    public List<Region> atLevel(RegionLevel level) {
        return byLevel.get(level);
    }

    /**
     * @return the region itself, then each ancestor up to and including the nation (immutable, precomputed);
     *     an empty list for an unknown code
     */
    public List<Region> rollup(String code) {
        return rollups.getOrDefault(code, Collections.emptyList());
    }
}
