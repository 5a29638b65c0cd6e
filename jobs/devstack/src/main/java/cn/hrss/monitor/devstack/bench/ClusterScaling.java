package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalStack;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The same records in Kafka backfilled by the job on a standalone cluster of {@code taskManagers} TaskManagers: the
 * sustained rate measured as {@code bin/bench} measures the pipeline's (records accounted for in ClickHouse, 10 % to
 * 90 %). Each run starts from empty tables and reads the topics from the beginning under its own group id.
 */
final class ClusterScaling {
    private ClusterScaling() {}

    static PipelineThroughput.Result run(LocalStack stack, long records, int taskManagers, int slots,
            Consumer<String> say) throws Exception {
        for (String table : new String[] {"events", "rejected_events", "indicators"}) {
            stack.clickHouse().execute("TRUNCATE TABLE " + stack.table(table));
        }
        String name = taskManagers + "tm";
        say.accept(String.format(Locale.ROOT, "cluster %s: %d TaskManager(s) x %d slots, parallelism %d; load average %s",
                name, taskManagers, slots, taskManagers * slots, LoadAverage.now()));
        try (ClusterJob job = ClusterJob.submit(stack, name, taskManagers, slots, Map.of())) {
            PipelineThroughput.Result r = PipelineThroughput.measure(stack, records, job.submittedNanos, job, say);
            say.accept(String.format(Locale.ROOT, "cluster %s: done in %.1f s: first row after %.1f s, sustained"
                            + " %,.0f events/s, end-of-input flush %.1f s; overall %,.0f events/s; load average %s",
                    name, r.totalNanos() / 1e9, r.startupNanos() / 1e9, r.sustainedEps(), r.flushNanos() / 1e9,
                    r.overallEps(), LoadAverage.now()));
            return r;
        }
    }
}
