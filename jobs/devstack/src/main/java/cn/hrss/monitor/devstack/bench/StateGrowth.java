package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The job's checkpointed state over a backfill whose event time runs well past the rules' retentions: after every
 * completed checkpoint, its size (total and per watched operator) next to how far event time has come and how many
 * distinct persons and employers have reached the person- and employer-keyed operators so far. Bounded state shows as
 * sizes that stop growing once event time passes the retention while the distinct counts keep rising.
 */
final class StateGrowth {
    /**
     * Operators whose state grows with persons or employers, by the start of their names. Admission is keyed by event
     * id (the duplicate filter); the others by person, employer or (employer, person); rolling totals by region and
     * employer scope (the largest state of all: thirty days of hours).
     */
    static final List<String> WATCHED = List.of("admission", "benefit-after-death", "ui-while-employed",
            "first-benefit-of-month", "first-departure-from-employer", "mass-layoff-employers", "rolling-24h-30d");
    private static final long SAMPLE_EVERY_MS = 2_000;
    /** The inputs of the person-keyed rules (benefit_after_death, ui_while_employed). */
    private static final String PERSON_RULE_INPUTS =
            "type IN ('benefit.paid', 'death.recorded', 'insured.enrolled', 'employment.registered')";

    /**
     * One completed checkpoint.
     *
     * @param wallSeconds since submission
     * @param watermark event time the person-keyed rules have reached: the lowest watermark of the
     *     benefit_after_death operator's subtasks (epoch ms; Long.MAX_VALUE once the input has ended)
     * @param records records accounted for in ClickHouse
     * @param persons distinct persons in the person-keyed rules' inputs so far
     * @param employers distinct employers in the accepted events so far
     */
    record Sample(double wallSeconds, long watermark, long records, long persons, long employers,
            CheckpointSizes sizes, String load) {}

    private StateGrowth() {}

    static List<Sample> run(LocalStack stack, ClusterJob job, Consumer<String> say) throws Exception {
        List<Sample> samples = new ArrayList<>();
        long lastId = -1;
        boolean finished = false;
        while (!finished) {
            finished = job.finished();
            CheckpointSizes sizes = CheckpointSizes.latest(job.cluster, job.jobId);
            if (sizes.id() != lastId) {
                lastId = sizes.id();
                Sample s = sample(stack, job, sizes);
                samples.add(s);
                say.accept(describe(s));
            }
            Thread.sleep(SAMPLE_EVERY_MS);
        }
        return samples;
    }

    private static Sample sample(LocalStack stack, ClusterJob job, CheckpointSizes sizes) throws Exception {
        String events = stack.table("events");
        List<String[]> r = stack.clickHouse().queryTsv("SELECT"
                + " (SELECT count() FROM " + events + ") + (SELECT count() FROM " + stack.table("rejected_events") + "),"
                + " (SELECT uniq(person_pseudonym) FROM " + events + " WHERE " + PERSON_RULE_INPUTS + "),"
                + " (SELECT uniq(employer_uscc) FROM " + events + " WHERE employer_uscc != '')");
        String[] v = r.get(0);
        return new Sample((System.nanoTime() - job.submittedNanos) / 1e9, watermark(job, "benefit-after-death"),
                Long.parseLong(v[0]), Long.parseLong(v[1]), Long.parseLong(v[2]), sizes, LoadAverage.now());
    }

    /**
     * @return the lowest current watermark over the subtasks of the operator {@code operator} (a name prefix of the
     *     vertex it heads). Its output watermark, not the vertex's input watermark: the latter is the minimum over both
     *     inputs and stays at Long.MIN_VALUE because the broadcast rules input is idle, while the operator's own event
     *     time (which fires its retention timers) advances with the events.
     */
    private static long watermark(ClusterJob job, String operator) throws Exception {
        for (JsonNode v : job.cluster.rest("/jobs/" + job.jobId).get("vertices")) {
            String name = v.get("name").asText();
            if (name.startsWith(operator)) {
                String metric = name.split(" -> ")[0] + ".currentOutputWatermark";
                JsonNode m = job.cluster.rest("/jobs/" + job.jobId + "/vertices/" + v.get("id").asText()
                        + "/subtasks/metrics?get=" + metric + "&agg=min");
                return m.isEmpty() ? Long.MIN_VALUE : (long) m.get(0).get("min").asDouble();
            }
        }
        throw new IllegalStateException("no operator " + operator + " in job " + job.jobId);
    }

    static String describe(Sample s) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "state: %4.0f s checkpoint %d: %s, watermark %s, %,d records, %,d persons, %,d employers;",
                s.wallSeconds(), s.sizes().id(), mib(s.sizes().stateSize()), watermarkText(s.watermark()),
                s.records(), s.persons(), s.employers()));
        for (String operator : WATCHED) {
            line.append(' ').append(operator).append('=').append(mib(s.sizes().of(operator)));
        }
        line.append(" other=").append(mib(other(s)));
        return line.append("; load ").append(s.load()).toString();
    }

    /** A markdown table of the samples, for docs/benchmarks.md. */
    static String table(List<Sample> samples, Instant start) {
        StringBuilder t = new StringBuilder("| wall s | watermark (day) | records | persons | employers | total MiB |");
        WATCHED.forEach(o -> t.append(' ').append(o).append(" |"));
        t.append(" other | load |\n|").append("---:|".repeat(7 + WATCHED.size())).append("---|\n");
        for (Sample s : samples) {
            String day = s.watermark() == Long.MAX_VALUE ? "end" : s.watermark() < start.toEpochMilli() ? "-"
                    : String.format(Locale.ROOT, "%.1f", (s.watermark() - start.toEpochMilli()) / 86_400_000.0);
            t.append(String.format(Locale.ROOT, "| %.0f | %s | %,d | %,d | %,d | %.1f |", s.wallSeconds(), day,
                    s.records(), s.persons(), s.employers(), s.sizes().stateSize() / 1048576.0));
            WATCHED.forEach(o -> t.append(String.format(Locale.ROOT, " %.1f |", s.sizes().of(o) / 1048576.0)));
            t.append(String.format(Locale.ROOT, " %.1f |", other(s) / 1048576.0)).append(' ').append(s.load())
                    .append(" |\n");
        }
        return t.toString();
    }

    /** @return state outside the watched operators (windows, rolling totals, alert lifecycles, Kafka offsets) */
    private static long other(Sample s) {
        return s.sizes().stateSize() - WATCHED.stream().mapToLong(o -> s.sizes().of(o)).sum();
    }

    private static String watermarkText(long watermark) {
        return watermark == Long.MAX_VALUE ? "end of input" : watermark == Long.MIN_VALUE ? "none"
                : Instant.ofEpochMilli(watermark).toString();
    }

    /** @return the largest vertices of the checkpoint, for seeing what "other" holds */
    static String largest(CheckpointSizes sizes, int n) {
        StringBuilder line = new StringBuilder();
        sizes.byVertex().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(n)
                .forEach(e -> line.append(String.format(Locale.ROOT, "%n  %s  %s",
                        mib(e.getValue()), e.getKey().length() > 120 ? e.getKey().substring(0, 120) + "..." : e.getKey())));
        return line.toString();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Configuration keys of the state run that are not the job's defaults (see docs/benchmarks.md). */
    static Map<String, String> overrides(String rulesDir, Duration dedupHorizon) {
        return Map.of(
                "rules.dir", rulesDir,
                "flink.checkpoint-interval", "5s",
                // Flink's state TTL counts processing time: the duplicate filter's horizon is wall time. The fast
                // simulated clock crosses days in seconds, so the horizon must be wall seconds to be seen to work;
                // it may not be below the allowed lateness.
                "ingest.dedup-horizon", dedupHorizon.toString(),
                "ingest.allowed-lateness", dedupHorizon.toString());
    }
}
