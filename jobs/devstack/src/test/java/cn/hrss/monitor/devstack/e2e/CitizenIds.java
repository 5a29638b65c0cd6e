package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw citizen IDs (GB 11643, 18 characters) in the simulated input, and their masked display form. */
final class CitizenIds {
    /** Also matches records cut off mid-object, as long as the ID itself is whole. */
    private static final Pattern PERSON_ID = Pattern.compile("\"personId\"\\s*:\\s*\"([0-9]{17}[0-9X])\"");

    private CitizenIds() {}

    /** @return every 18-character personId written in the records, valid check character or not */
    static Set<String> inRecords(List<SimulatedRecord> records) {
        Set<String> ids = new HashSet<>();
        for (SimulatedRecord r : records) {
            ids.addAll(inJson(r.json()));
        }
        return ids;
    }

    static Set<String> inJson(String json) {
        Set<String> ids = new HashSet<>();
        Matcher m = PERSON_ID.matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The display form of domain.md §6: first 6 and last 4 characters kept. */
    static String masked(String id) {
        return id.substring(0, 6) + "********" + id.substring(CitizenIdScanner.LENGTH - 4);
    }
}
