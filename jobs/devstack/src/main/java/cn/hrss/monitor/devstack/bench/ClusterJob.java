package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalFlinkCluster;
import cn.hrss.monitor.devstack.LocalStack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The job as users run it, for a benchmark: a standalone cluster of separate JVMs ({@link LocalFlinkCluster}) and the
 * shaded job jar submitted with {@code flink run -d}, in backfill mode ({@code kafka.bounded=true}: it reads to the
 * offsets current at its start and finishes). Closing it stops the cluster.
 */
final class ClusterJob implements AutoCloseable, PipelineThroughput.RunningJob {
    private static final Set<String> FAILED = Set.of("FAILED", "CANCELED", "CANCELLING", "FAILING");

    final LocalFlinkCluster cluster;
    final String jobId;
    /** When the submission started (System.nanoTime()). */
    final long submittedNanos;

    private ClusterJob(LocalFlinkCluster cluster, String jobId, long submittedNanos) {
        this.cluster = cluster;
        this.jobId = jobId;
        this.submittedNanos = submittedNanos;
    }

    /**
     * Starts {@code taskManagers} TaskManagers of {@code slots} slots and submits the job with parallelism = all slots.
     *
     * @param overrides job configuration keys on top of the stack's and the backfill settings
     */
    static ClusterJob submit(LocalStack stack, String name, int taskManagers, int slots, Map<String, String> overrides)
            throws Exception {
        Map<String, String> job = new HashMap<>(Map.of(
                "kafka.bounded", "true",
                "kafka.group-id", "bench-" + name,
                "flink.parallelism", String.valueOf(taskManagers * slots)));
        job.putAll(overrides);
        Path config = stack.writeConfig(name + ".properties", job);
        LocalFlinkCluster cluster = LocalFlinkCluster.start(stack.workDir().resolve("flink-" + name), taskManagers,
                slots, Map.of());
        try {
            long start = System.nanoTime();
            return new ClusterJob(cluster, cluster.submit(LocalFlinkCluster.shadedJobJar(), config.toString()), start);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public boolean finished() throws Exception {
        String state = cluster.jobState(jobId);
        if (FAILED.contains(state)) {
            throw new IllegalStateException("job " + jobId + " " + state + "; logs:\n" + cluster.logs());
        }
        return "FINISHED".equals(state);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
