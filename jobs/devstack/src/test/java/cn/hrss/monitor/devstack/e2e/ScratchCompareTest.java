package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.indicators.Indicator;
import cn.hrss.monitor.indicators.Period;
import cn.hrss.monitor.reference.ReferenceData;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchCompareTest {
    @Test
    void compare() throws Exception {
        String[] s = Files.readString(Path.of("/tmp/e2e_stack.txt")).trim().split(" ");
        try (ClickHouseQueries q = new ClickHouseQueries(new ClickHouseEndpoint(s[0], "default", "", s[1]))) {
            IndicatorFold fold = new IndicatorFold(AcceptedEvent.readAll(q, s[1] + ".events"),
                    RegionDirectory.loadDefault(), ReferenceData.loadDefault());
            StringBuilder out = new StringBuilder();
            for (Period p : Period.values()) {
                for (Indicator i : Indicator.values()) {
                    RowComparison c = new RowComparison(q, s[1] + ".indicators");
                    c.compare(i, p, fold.expected(i, p));
                    if (c.rowsCompared() > 0 || c.mismatches() > 0) {
                        out.append(i.id).append('/').append(p.id).append(": ").append(c.report()).append("\n");
                    }
                }
            }
            Files.writeString(Path.of("/tmp/e2e_compare.txt"), out.toString());
        }
    }
}
