package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.simulator.SimulatedRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw citizen IDs (GB 11643, 18 characters): which ones the input held, and whether any shows up elsewhere. */
final class CitizenIds {
    static final int LENGTH = 18;
    /** Also matches records cut off mid-object, as long as the ID itself is whole. */
    private static final Pattern PERSON_ID = Pattern.compile("\"personId\"\\s*:\\s*\"([0-9]{17}[0-9Xx])\"");

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

    /**
     * Looks for the IDs as ASCII anywhere in {@code data} (text or binary: Flink and Kafka write ASCII strings as
     * single bytes), also inside longer digit runs.
     *
     * @return the IDs found, sorted
     */
    static Set<String> findIn(byte[] data, Set<String> ids) {
        Set<String> found = new TreeSet<>();
        int digits = 0;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (digits >= LENGTH - 1 && (isDigit(b) || b == 'X' || b == 'x')) {
                String candidate = new String(data, i - (LENGTH - 1), LENGTH, StandardCharsets.US_ASCII);
                if (ids.contains(candidate) || ids.contains(candidate.toUpperCase())) {
                    found.add(candidate);
                }
            }
            digits = isDigit(b) ? digits + 1 : 0;
        }
        return found;
    }

    static Set<String> findIn(String text, Set<String> ids) {
        return findIn(text.getBytes(StandardCharsets.UTF_8), ids);
    }

    /** The display form of domain.md §6: first 6 and last 4 characters kept. */
    static String masked(String id) {
        return id.substring(0, 6) + "********" + id.substring(LENGTH - 4);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
