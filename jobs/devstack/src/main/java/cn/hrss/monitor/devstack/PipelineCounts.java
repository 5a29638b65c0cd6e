package cn.hrss.monitor.devstack;

import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import java.io.IOException;
import java.util.List;

/**
 * What the pipeline has written so far, read the way dashboards read it (FINAL: replayed rows count once).
 *
 * @param latestHourEnd end of the latest hourly window with a row, epoch seconds (0 if none): how far the
 *     watermark has come
 */
public record PipelineCounts(long accepted, long rejected, long indicatorRows, long latestHourEnd) {

    public static PipelineCounts read(ClickHouseQueries ch, String database) throws IOException {
        List<String[]> row = ch.queryTsv("SELECT"
                + " (SELECT count() FROM " + database + ".events FINAL),"
                + " (SELECT count() FROM " + database + ".rejected_events FINAL),"
                + " (SELECT count() FROM " + database + ".indicators FINAL),"
                + " (SELECT toUInt32(max(window_end)) FROM " + database + ".indicators WHERE period = 'hour')");
        String[] r = row.get(0);
        return new PipelineCounts(
                Long.parseLong(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2]), Long.parseLong(r[3]));
    }
}
