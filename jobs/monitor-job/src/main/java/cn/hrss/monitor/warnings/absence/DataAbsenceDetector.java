package cn.hrss.monitor.warnings.absence;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * data_absence (数据断流): keyed by scope ({@link DataAbsenceScope}: a source or a city), fed every accepted event.
 * Works on PROCESSING time, because when a whole topic stops no watermark moves and event-time timers never fire.
 *
 * <p>Each event records its arrival (wall clock); a processing-time timer checks every {@code checkEvery}. When the
 * silence exceeds {@code expectedGap} the scope is absent: an observation holds with the severity of the bands over
 * the silence <b>in minutes</b> (so bands read like {@code atLeast: 60} for an hour; a band from 0 makes every
 * absence alert). It is re-emitted only when the severity changes. The first event after an absence emits a clear.
 *
 * <p>Only scopes that reported at least once are watched: state is created by data. To save state writes the
 * arrival is refreshed at most every {@code checkEvery / 2}, so silence is measured from an arrival up to that much
 * before the true last one: choose {@code expectedGap} well above {@code checkEvery}. A scope silent for
 * {@link #FORGET_AFTER_GAPS} × {@code expectedGap} is presumed retired (a merged region, a decommissioned source):
 * it is dropped from state with a final clear (evidence {@code watchEnded=true}) so neither the state nor the alert
 * lives forever; it is watched again from its next event.
 *
 * <p>A check that runs more than {@code expectedGap} late means the job itself was not running (a restore from a
 * savepoint): the silence is the job's, not the source's, so the watch restarts from then instead of alerting.
 */
public final class DataAbsenceDetector
        extends KeyedBroadcastProcessFunction<String, Event, RuleDefinition, Observation> {
    /** Silence, in expected gaps, after which a scope is no longer watched. */
    static final int FORGET_AFTER_GAPS = 100;

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter WALL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);

    private final LiveRules liveRules;
    private final String ruleId;

    /** Processing time of the latest recorded arrival. */
    private transient ValueState<Long> lastArrival;
    /** Severity id of the absence being reported, absent while data flows. */
    private transient ValueState<String> raised;

    public DataAbsenceDetector(LiveRules liveRules, String ruleId) {
        this.liveRules = liveRules;
        this.ruleId = ruleId;
    }

    /**
     * @param scopeBy the rule's {@code scopeBy}: {@code source} or {@code region}
     * @return the scope {@code e} reports for: its event family ({@code benefit}...) or its city's region code
     */
    public static String scopeOf(Event e, String scopeBy) {
        return DataAbsenceScope.scopeOf(e, scopeBy, RegionDirectory.loadDefault());
    }

    @Override
    public void open(OpenContext openContext) {
        lastArrival = getRuntimeContext().getState(new ValueStateDescriptor<>("lastArrival", Long.class));
        raised = getRuntimeContext().getState(new ValueStateDescriptor<>("raised", String.class));
    }

    @Override
    public void processElement(Event e, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        RuleDefinition rule = rule(ctx);
        Long last = lastArrival.value();
        if (last == null) {
            lastArrival.update(now);
            ctx.timerService().registerProcessingTimeTimer(now + checkEvery(rule));
        } else if (raised.value() != null) {
            out.collect(observation(rule, ctx.getCurrentKey(), null, now, last));
            raised.clear();
            lastArrival.update(now);
        } else if (now - last >= checkEvery(rule) / 2) {
            lastArrival.update(now);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        RuleDefinition rule = rule(ctx);
        long expectedGap = rule.duration("expectedGap").toMillis();
        long last = lastArrival.value();
        String raisedId = raised.value();
        if (now - timestamp > expectedGap) { // the check itself is late: the job was down, watch again from now
            lastArrival.update(now);
        } else if (now - last > FORGET_AFTER_GAPS * expectedGap) {
            if (raisedId != null) {
                Observation end = observation(rule, ctx.getCurrentKey(), null, now, last);
                end.evidence.put("watchEnded", "true");
                out.collect(end);
            }
            lastArrival.clear();
            raised.clear();
            return;
        } else {
            long silence = now - last;
            Severity severity = silence > expectedGap ? rule.severityFor(silence / 60_000.0, "") : null;
            if (severity != null && !severity.id.equals(raisedId)) {
                out.collect(observation(rule, ctx.getCurrentKey(), severity, now, last));
                raised.update(severity.id);
            } else if (severity == null && raisedId != null) {
                // No longer absent under a rule changed live (a longer gap, other bands).
                out.collect(observation(rule, ctx.getCurrentKey(), null, now, last));
                raised.clear();
            }
        }
        ctx.timerService().registerProcessingTimeTimer(now + checkEvery(rule));
    }

    @Override
    public void processBroadcastElement(RuleDefinition update, Context ctx, Collector<Observation> out)
            throws Exception {
        liveRules.apply(update, ctx.getBroadcastState(LiveRules.STATE));
    }

    static long checkEvery(RuleDefinition rule) {
        return rule.duration("checkEvery").toMillis();
    }

    private Observation observation(RuleDefinition rule, String scope, Severity severity, long now, long last) {
        Observation o = new Observation();
        o.ruleId = rule.id;
        o.ruleVersion = rule.version;
        o.scopeKey = scope;
        if (DataAbsenceScope.BY_SOURCE.equals(rule.param("scopeBy"))) {
            o.source = scope;
        } else {
            o.regionCode = scope;
        }
        o.severity = severity;
        o.observedAt = now;
        long silence = now - last;
        o.evidence.put("value", String.format("%.1f", silence / 60_000.0));
        o.evidence.put("silenceMinutes", String.valueOf(silence / 60_000));
        o.evidence.put("silenceSeconds", String.valueOf(silence / 1000));
        o.evidence.put("silentFor", chinese(Duration.ofMillis(silence)));
        o.evidence.put("lastSeen", WALL_TIME.format(Instant.ofEpochMilli(last)));
        o.evidence.put("expectedGap", chinese(rule.duration("expectedGap")));
        o.evidence.put("source", o.source);
        return o;
    }

    /** @return a duration as people read it in a summary: 2天3小时, 1小时35分钟, 12分钟, 45秒 */
    static String chinese(Duration d) {
        if (d.toMinutes() == 0) {
            return d.toSeconds() + "秒";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, d.toDays(), "天");
        append(sb, d.toHoursPart(), "小时");
        if (d.toDays() == 0) {
            append(sb, d.toMinutesPart(), "分钟");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, long amount, String unit) {
        if (amount > 0) {
            sb.append(amount).append(unit);
        }
    }

    private RuleDefinition rule(ReadOnlyContext ctx) throws Exception {
        RuleDefinition rule = liveRules.get(ruleId, ctx.getBroadcastState(LiveRules.STATE));
        if (rule == null || rule.kind != RuleKind.DATA_ABSENCE) {
            throw new IllegalStateException("no data_absence rule '" + ruleId + "' in the catalog");
        }
        return rule;
    }
}
