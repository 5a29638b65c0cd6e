package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalStack;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;

/**
 * The full job, bounded, over records already in Kafka: from submission until it has finished (every window fired,
 * every row written). Meanwhile ClickHouse is polled for the records accounted for (accepted events plus rejected
 * records), which separates the job's start-up from its sustained rate.
 */
final class PipelineThroughput {
    private static final long SAMPLE_EVERY_MS = 500;
    /** The steady part of the run: between these fractions of all records written. */
    private static final double STEADY_FROM = 0.10;
    private static final double STEADY_TO = 0.90;

    /**
     * @param records records the job read
     * @param totalNanos submission to completion
     * @param startupNanos submission to the first row in ClickHouse
     * @param sustainedEps records per second while the job was in its steady state
     * @param flushNanos from the last record written to completion: at the end of input the watermark jumps to the
     *     end of time and every pending window fires at once
     * @param indicatorRows rows in the indicators table at completion
     * @param steadyCpu the cores kept busy in the steady state
     */
    record Result(long records, long totalNanos, long startupNanos, double sustainedEps, long flushNanos,
            long indicatorRows, CpuReading.Use steadyCpu) {
        double overallEps() {
            return records / (totalNanos / 1e9);
        }
    }

    private PipelineThroughput() {}

    /** The job in a MiniCluster in this JVM, reading the records from the start as consumer group {@code groupId}. */
    static Result run(LocalStack stack, long records, String groupId, Consumer<String> say) throws Exception {
        long start = System.nanoTime();
        JobClient job = stack.startJob(stack.config(Map.of("kafka.group-id", groupId)), true);
        return measure(stack, records, start, finished(job), say);
    }

    /** @return the job in a MiniCluster in this JVM as a {@link RunningJob} */
    static RunningJob finished(JobClient job) {
        CompletableFuture<?> done = job.getJobExecutionResult();
        return () -> {
            if (!done.isDone()) {
                return false;
            }
            done.get(); // throws if the job failed
            return true;
        };
    }

    /** A job that was started at {@code startNanos}, however it runs (MiniCluster or a cluster of separate JVMs). */
    interface RunningJob {
        /** @return whether the job has finished; throws if it failed */
        boolean finished() throws Exception;
    }

    /** Samples ClickHouse until {@code job} has finished; the rates are read off those samples. */
    static Result measure(LocalStack stack, long records, long startNanos, RunningJob job, Consumer<String> say)
            throws Exception {
        return measure(stack, records, records, startNanos, job, say);
    }

    /**
     * @param accountedAtLeast rows (events plus rejections) there must be at the end: {@code records} for the job;
     *     fewer for a workflow without deduplication, whose repeated events the ReplacingMergeTree may merge away
     */
    static Result measure(LocalStack stack, long records, long accountedAtLeast, long startNanos, RunningJob job,
            Consumer<String> say) throws Exception {
        String accounted = "SELECT (SELECT count() FROM " + stack.table("events") + ") + (SELECT count() FROM "
                + stack.table("rejected_events") + ")";
        CountSamples samples = new CountSamples();
        List<CpuReading> cpu = new ArrayList<>();
        long nextReport = startNanos;
        while (!job.finished()) {
            cpu.add(CpuReading.now());
            samples.add(System.nanoTime() - startNanos, stack.clickHouse().queryLong(accounted));
            if (System.nanoTime() >= nextReport) {
                say.accept(String.format("pipeline: %,d of %,d records written, %,d indicator rows", samples.last(),
                        records, indicatorRows(stack)));
                nextReport = System.nanoTime() + 5_000_000_000L;
            }
            Thread.sleep(SAMPLE_EVERY_MS);
        }
        long total = System.nanoTime() - startNanos;
        cpu.add(CpuReading.now());
        samples.add(total, stack.clickHouse().queryLong(accounted));
        if (samples.last() < accountedAtLeast) {
            throw new IllegalStateException("the job finished with " + samples.last() + " of " + accountedAtLeast
                    + " records accounted for in ClickHouse");
        }
        return new Result(records, total, samples.firstNonZero(), samples.steadyRate(STEADY_FROM, STEADY_TO),
                total - (long) samples.crossing(accountedAtLeast), indicatorRows(stack), steadyCpu(samples, cpu));
    }

    /** CPU between the samples that bracket the steady part (each CPU reading taken just before its count). */
    private static CpuReading.Use steadyCpu(CountSamples samples, List<CpuReading> cpu) {
        int from = samples.firstReaching(STEADY_FROM);
        int to = Math.max(from + 1, samples.firstReaching(STEADY_TO));
        return cpu.get(Math.min(to, cpu.size() - 1)).since(cpu.get(from));
    }

    private static long indicatorRows(LocalStack stack) throws IOException {
        return stack.clickHouse().queryLong("SELECT count() FROM " + stack.table("indicators"));
    }
}
