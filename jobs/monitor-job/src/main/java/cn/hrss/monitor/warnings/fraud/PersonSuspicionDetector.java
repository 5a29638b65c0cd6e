package cn.hrss.monitor.warnings.fraud;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.patterns.HeldUntilWatermark;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * What the fraud-suspicion detectors share, keyed by person pseudonym: one rule from the live catalog, person-scoped
 * observations, a person's events judged in event-time order, and a retention after the person's latest event after
 * which everything about them is forgotten (an event-time timer; a reported suspicion is then cleared). Subclasses
 * keep their own evidence state and judge one event at a time.
 *
 * <p>Why event-time order: a person's events come from different topics and partitions, whose interleaving differs
 * between runs (a restart after a failure replays them in another order). Judged on arrival, a payment seen before
 * the departure that precedes it would raise a suspicion that the departure then withdraws: a false alert in one run
 * and not in another, or in a backtest. Each event therefore waits until the watermark passes its time and is judged
 * in (event time, event id) order, the order a backtest replays stored events in. An event that arrives behind the
 * watermark (late, within the allowed lateness) is judged at once: nothing can be put before it any more.
 */
abstract class PersonSuspicionDetector
        extends KeyedBroadcastProcessFunction<String, Event, RuleDefinition, Observation> {
    private final LiveRules liveRules;
    private final String ruleId;
    private final RuleKind kind;

    /** What the last observation said, so unchanged evaluations emit nothing. */
    protected transient ValueState<String> reported;
    /** Event time of the person's latest event; the state expires a retention after it. */
    protected transient ValueState<Long> lastActivity;
    /** The person's events the watermark has not passed yet: at most the out-of-orderness bound's worth. */
    private transient HeldUntilWatermark<Event> waiting;

    /**
     * Wires a detector of {@code kind}: one operator per deployed rule, fed the accepted events it needs, keyed by
     * person (names and uids {@code <kind-with-dashes>-<rule id>}).
     *
     * @return one stream per deployed rule (none when the catalog has no such rule), for the caller to union
     */
    static List<DataStream<Observation>> wire(DataStream<Event> accepted, BroadcastStream<RuleDefinition> rules,
            LiveRules live, RuleKind kind, FilterFunction<Event> isInput,
            BiFunction<LiveRules, String, PersonSuspicionDetector> detector) {
        String name = kind.id.replace('_', '-');
        List<DataStream<Observation>> streams = new ArrayList<>();
        for (RuleDefinition rule : live.deployedOfKind(kind)) {
            streams.add(accepted
                    .filter(isInput).name(name + "-input-" + rule.id)
                    .keyBy(e -> e.personPseudonym, Types.STRING)
                    .connect(rules)
                    .process(detector.apply(live, rule.id))
                    .name(name + "-" + rule.id).uid(name + "-" + rule.id));
        }
        return streams;
    }

    PersonSuspicionDetector(LiveRules liveRules, String ruleId, RuleKind kind) {
        this.liveRules = liveRules;
        this.ruleId = ruleId;
        this.kind = kind;
    }

    @Override
    public final void open(OpenContext openContext) {
        reported = getRuntimeContext().getState(new ValueStateDescriptor<>("reported", String.class));
        lastActivity = getRuntimeContext().getState(new ValueStateDescriptor<>("lastActivity", Long.class));
        waiting = new HeldUntilWatermark<>(getRuntimeContext(), "waiting-events", TypeInformation.of(Event.class));
        openPersonState();
    }

    /** Creates the subclass's own per-person state. */
    protected abstract void openPersonState();

    /** Clears the subclass's own per-person state. */
    protected abstract void forgetPerson();

    /** Judges one of the person's events, in event-time order; may emit an observation. */
    protected abstract void judge(Event e, ReadOnlyContext ctx, Collector<Observation> out) throws Exception;

    @Override
    public final void processElement(Event e, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        if (!waiting.hold(e.occurredAt, e, ctx.timerService())) {
            judge(e, ctx, out); // late: everything it could have followed has been judged
        }
    }

    /** @return the person's latest activity including {@code at}, with the cleanup timer a retention after it */
    protected long touch(long at, long retention, ReadOnlyContext ctx) throws Exception {
        Long before = lastActivity.value();
        if (before != null && before >= at) {
            return before;
        }
        if (before != null && !waiting.holdsAt(before + retention)) { // the timer may also release waiting events
            ctx.timerService().deleteEventTimeTimer(before + retention);
        }
        ctx.timerService().registerEventTimeTimer(at + retention);
        lastActivity.update(at);
        return at;
    }

    /**
     * The watermark passed {@code timestamp}: the events waiting at it are judged (in event id order, so ties are
     * judged alike in every run); or the retention is over, and everything about the person is forgotten and a
     * reported suspicion cleared.
     */
    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        List<Event> released = waiting.release(timestamp);
        if (released != null) {
            released.sort(Comparator.comparing(e -> e.eventId));
            for (Event e : released) {
                judge(e, ctx, out);
            }
            return; // judging moved the person's latest activity to at least this time, so no retention ends here
        }
        Long last = lastActivity.value();
        if (last == null) { // a timer left by a retention that changed live; the person is already forgotten
            return;
        }
        RuleDefinition rule = rule(ctx);
        long due = last + rule.duration("retention").toMillis();
        if (timestamp < due) { // the retention was lengthened by a live rule change
            ctx.timerService().registerEventTimeTimer(due);
            return;
        }
        if (reported.value() != null) {
            Observation clear = observation(rule, ctx.getCurrentKey(), null, timestamp);
            clear.evidence.put("reason", "retention");
            out.collect(clear);
        }
        forgetPerson();
        reported.clear();
        lastActivity.clear();
    }

    @Override
    public void processBroadcastElement(RuleDefinition update, Context ctx, Collector<Observation> out)
            throws Exception {
        liveRules.apply(update, ctx.getBroadcastState(LiveRules.STATE));
    }

    protected Observation observation(RuleDefinition rule, String person, Severity severity, long at) {
        Observation o = new Observation();
        o.ruleId = rule.id;
        o.ruleVersion = rule.version;
        o.scopeKey = person;
        o.personPseudonym = person;
        o.severity = severity;
        o.observedAt = at;
        return o;
    }

    protected RuleDefinition rule(ReadOnlyContext ctx) throws Exception {
        RuleDefinition rule = liveRules.get(ruleId, ctx.getBroadcastState(LiveRules.STATE));
        if (rule == null || rule.kind != kind) {
            throw new IllegalStateException("no " + kind.id + " rule '" + ruleId + "' in the catalog");
        }
        return rule;
    }
}
