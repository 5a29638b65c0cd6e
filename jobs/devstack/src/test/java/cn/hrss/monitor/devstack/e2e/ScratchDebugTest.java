package cn.hrss.monitor.devstack.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedBoundedRun.class)
class ScratchDebugTest {
    private static BoundedRun run;

    @BeforeAll
    static void share(BoundedRun shared) {
        run = shared;
    }

    @Test
    void dump() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String q : List.of(
                "SELECT topic, kafka_partition, count(), min(kafka_offset), max(kafka_offset) FROM " + run.table("rejected_events") + " FINAL WHERE reason='too_late' GROUP BY topic, kafka_partition ORDER BY topic, kafka_partition",
                "SELECT topic, kafka_partition, kafka_offset, event_id, substring(masked_payload, position(masked_payload, 'occurredAt'), 45) FROM " + run.table("rejected_events") + " FINAL WHERE reason='too_late' ORDER BY topic, kafka_partition, kafka_offset",
                "SELECT kafka_topic, kafka_partition, count(), min(occurred_at), max(occurred_at) FROM " + run.table("events") + " FINAL GROUP BY kafka_topic, kafka_partition ORDER BY kafka_topic, kafka_partition",
                "SELECT indicator, period, count() FROM " + run.table("indicators") + " FINAL GROUP BY indicator, period ORDER BY indicator, period",
                "SELECT count() FROM " + run.table("indicators"),
                "SELECT region_level, count() FROM " + run.table("indicators") + " FINAL GROUP BY region_level")) {
            sb.append("== ").append(q).append('\n');
            for (String[] row : run.stack.clickHouse().queryTsv(q)) {
                sb.append(String.join("\t", row)).append('\n');
            }
        }
        Files.writeString(Path.of("/tmp/e2e_debug.txt"), sb.toString());
    }
}
