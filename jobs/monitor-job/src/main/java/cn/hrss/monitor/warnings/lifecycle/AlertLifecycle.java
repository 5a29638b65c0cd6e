package cn.hrss.monitor.warnings.lifecycle;

import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns the observations of one (rule, scope) into alerts: one alert per episode, with a stable id. Keyed by
 * {@link #keyOf(Observation)}; the broadcast input carries published rules.
 *
 * <ul>
 *   <li>A holding observation with no open episode opens one: {@link Transition#FIRING}, alert id
 *       {@link AlertIds#of} (rule, scope, observation time).
 *   <li>While open, a holding observation {@link Transition#ESCALATED escalates}, {@link Transition#DEESCALATED
 *       de-escalates} or, same colour with other evidence, {@link Transition#UPDATED updates} the alert; identical
 *       evidence emits nothing. It also ends a running hold period: the episode continues.
 *   <li>A clear observation starts the rule's hold period; when it has passed with no holding observation the alert
 *       is {@link Transition#RESOLVED} and the state cleared. The hold is read when it ends, so a hold lengthened
 *       by a published rule applies to a running one; a shortened one applies at the next clear observation.
 *   <li>Observations older than the latest applied one are ignored (out of order); a clear observation with no
 *       open episode changes nothing.
 * </ul>
 *
 * <p>Time is the observations' {@code observedAt}: event time, whose timers follow the watermark, except for
 * {@link RuleKind#DATA_ABSENCE}, whose observations are made in processing time and whose hold runs on
 * processing-time timers (a stopped topic advances no watermark).
 */
public final class AlertLifecycle
        extends KeyedBroadcastProcessFunction<String, Observation, RuleDefinition, AlertTransition> {
    private final LiveRules liveRules;

    /**
     * The open episode of this (rule, scope), absent when none is open: one small object per firing alert, cleared
     * when it resolves, so state is bounded by the number of open alerts.
     */
    private transient ValueState<OpenEpisode> episode;
    private transient AlertDescriptions descriptions;

    public AlertLifecycle(LiveRules liveRules) {
        this.liveRules = liveRules;
    }

    /** The key of an observation: {@code ruleId|scopeKey}. */
    public static String keyOf(Observation o) {
        return o.ruleId + "|" + o.scopeKey;
    }

    @Override
    public void open(OpenContext openContext) {
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>("open-episode", OpenEpisode.class));
        descriptions = new AlertDescriptions(RegionDirectory.loadDefault());
    }

    @Override
    public void processElement(Observation o, ReadOnlyContext ctx, Collector<AlertTransition> out) throws Exception {
        RuleDefinition rule = rule(o.ruleId, ctx);
        OpenEpisode ep = episode.value();
        if (ep == null) {
            if (o.holds()) {
                fire(rule, o, out);
            }
            return;
        }
        if (o.observedAt < ep.lastObservedAt) {
            return;
        }
        ep.lastObservedAt = o.observedAt;
        if (o.holds()) {
            stillHolds(ep, rule, o, ctx, out);
        } else if (!ep.clearing) {
            startHold(ep, rule, o.observedAt, ctx);
        } else if (o.observedAt >= ep.clearSince + rule.holdMillis) {
            resolve(ep, rule, ctx, out);
        } else {
            episode.update(ep);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertTransition> out) throws Exception {
        OpenEpisode ep = episode.value();
        if (ep == null || !ep.clearing || ep.resolveAt != timestamp) {
            return;
        }
        RuleDefinition rule = rule(ep.lastHolding.ruleId, ctx);
        long due = ep.clearSince + rule.holdMillis;
        if (timestamp < due) { // the hold was lengthened while it ran
            ep.resolveAt = due;
            registerTimer(rule, ctx.timerService(), due);
            episode.update(ep);
        } else {
            resolve(ep, rule, ctx, out);
        }
    }

    @Override
    public void processBroadcastElement(RuleDefinition update, Context ctx, Collector<AlertTransition> out)
            throws Exception {
        liveRules.apply(update, ctx.getBroadcastState(LiveRules.STATE));
    }

    private void fire(RuleDefinition rule, Observation o, Collector<AlertTransition> out) throws Exception {
        OpenEpisode ep = new OpenEpisode();
        ep.alertId = AlertIds.of(o.ruleId, o.scopeKey, o.observedAt);
        ep.startsAt = o.observedAt;
        ep.lastObservedAt = o.observedAt;
        ep.severity = o.severity;
        ep.lastHolding = o;
        emit(ep, rule, Transition.FIRING, null, o.observedAt, out);
        episode.update(ep);
    }

    private void stillHolds(OpenEpisode ep, RuleDefinition rule, Observation o, ReadOnlyContext ctx,
            Collector<AlertTransition> out) throws Exception {
        if (ep.clearing) {
            deleteTimer(rule, ctx.timerService(), ep.resolveAt);
            ep.clearing = false;
        }
        Severity before = ep.severity;
        Transition change = o.severity.isMoreSevereThan(before) ? Transition.ESCALATED
                : before.isMoreSevereThan(o.severity) ? Transition.DEESCALATED
                : sameEvidence(ep.lastHolding, o) ? null : Transition.UPDATED;
        ep.severity = o.severity;
        ep.lastHolding = o;
        if (change != null) {
            emit(ep, rule, change, before, o.observedAt, out);
        }
        episode.update(ep);
    }

    private static boolean sameEvidence(Observation before, Observation now) {
        return before.ruleVersion == now.ruleVersion && before.evidence.equals(now.evidence);
    }

    private void startHold(OpenEpisode ep, RuleDefinition rule, long clearSince, ReadOnlyContext ctx)
            throws Exception {
        ep.clearing = true;
        ep.clearSince = clearSince;
        ep.resolveAt = clearSince + rule.holdMillis;
        registerTimer(rule, ctx.timerService(), ep.resolveAt);
        episode.update(ep);
    }

    private void resolve(OpenEpisode ep, RuleDefinition rule, ReadOnlyContext ctx, Collector<AlertTransition> out) {
        deleteTimer(rule, ctx.timerService(), ep.resolveAt);
        emit(ep, rule, Transition.RESOLVED, ep.severity, ep.clearSince + rule.holdMillis, out);
        episode.clear();
    }

    private void emit(OpenEpisode ep, RuleDefinition rule, Transition change, Severity before, long at,
            Collector<AlertTransition> out) {
        AlertTransition t = descriptions.describe(rule, ep.lastHolding, ep.severity, ep.alertId);
        t.transition = change;
        boolean resolved = change == Transition.RESOLVED;
        t.status = resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        t.previousSeverity = before == null ? "" : before.id;
        t.startsAt = ep.startsAt;
        t.updatedAt = at;
        t.endsAt = resolved ? at : 0;
        t.sequence = ++ep.sequence;
        out.collect(t);
    }

    private RuleDefinition rule(String ruleId, ReadOnlyContext ctx) throws Exception {
        RuleDefinition rule = liveRules.get(ruleId, ctx.getBroadcastState(LiveRules.STATE));
        if (rule == null) {
            throw new IllegalStateException("observation of rule " + ruleId + ", which is not in the catalog");
        }
        return rule;
    }

    /** Hold periods run in the time domain of the rule's observations. */
    private static boolean inProcessingTime(RuleDefinition rule) {
        return rule.kind == RuleKind.DATA_ABSENCE;
    }

    private static void registerTimer(RuleDefinition rule, TimerService timers, long at) {
        if (inProcessingTime(rule)) {
            timers.registerProcessingTimeTimer(at);
        } else {
            timers.registerEventTimeTimer(at);
        }
    }

    private static void deleteTimer(RuleDefinition rule, TimerService timers, long at) {
        if (inProcessingTime(rule)) {
            timers.deleteProcessingTimeTimer(at);
        } else {
            timers.deleteEventTimeTimer(at);
        }
    }
}
