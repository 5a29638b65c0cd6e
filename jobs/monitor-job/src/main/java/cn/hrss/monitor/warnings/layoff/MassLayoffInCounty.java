package cn.hrss.monitor.warnings.layoff;

import cn.hrss.monitor.warnings.detectors.MassLayoffEmployer;

import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The county stage of mass_layoff, keyed by county code: the latest departures of every employer of the county that
 * has any, from {@link MassLayoffAtEmployer#TO_COUNTY}. Orange when {@code clusterEmployers} employers each lost
 * more than {@code clusterPersons} (or {@code clusterShare} of staff), red when the county's departures reach
 * {@code regionPersons}; scope {@code county|<code>}.
 *
 * <p>State holds only employers with departures: one whose window fell to 0 is removed at once, and as a safety net
 * any whose window ended more than {@code windowDays} ago.
 */
public final class MassLayoffInCounty
        extends KeyedBroadcastProcessFunction<String, MassLayoffEmployer, RuleDefinition, Observation> {
    static final String SCOPE = "county|";
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final LiveRules live;
    private final long windowMillis;
    private transient MapState<String, MassLayoffEmployer> employers;
    /** Rule id → "severity|employers|departures" last reported while it holds. */
    private transient MapState<String, String> reported;
    private transient ValueState<Long> lastObservedAt;

    public MassLayoffInCounty(LiveRules live, int windowDays) {
        this.live = live;
        this.windowMillis = windowDays * DAY_MILLIS;
    }

    @Override
    public void open(OpenContext openContext) {
        employers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("county-employers", String.class, MassLayoffEmployer.class));
        reported = getRuntimeContext().getMapState(new MapStateDescriptor<>("county-reported", String.class, String.class));
        lastObservedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("county-observed-at", Long.class));
    }

    @Override
    public void processElement(MassLayoffEmployer e, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        MassLayoffEmployer known = employers.get(e.uscc);
        if (known != null && e.windowEnd < known.windowEnd) {
            return;
        }
        if (e.departures == 0) {
            employers.remove(e.uscc);
        } else {
            employers.put(e.uscc, e);
            ctx.timerService().registerEventTimeTimer(e.windowEnd + windowMillis);
        }
        grade(ctx.getCurrentKey(), ctx.timestamp() == null ? e.windowEnd : ctx.timestamp(), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, MassLayoffEmployer> entry : employers.entries()) {
            if (entry.getValue().windowEnd + windowMillis <= timestamp) {
                expired.add(entry.getKey());
            }
        }
        if (!expired.isEmpty()) {
            for (String uscc : expired) {
                employers.remove(uscc);
            }
            grade(ctx.getCurrentKey(), timestamp, ctx, out);
        }
    }

    private void grade(String county, long at, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        long observedAt = Math.max(at, lastObservedAt.value() == null ? Long.MIN_VALUE : lastObservedAt.value());
        for (RuleDefinition rule : live.ofKind(RuleKind.MASS_LAYOFF, ctx.getBroadcastState(LiveRules.STATE))) {
            List<String> cluster = new ArrayList<>();
            long departures = 0;
            for (MassLayoffEmployer e : employers.values()) {
                departures += e.departures;
                if (MassLayoffThresholds.inCluster(rule, e)) {
                    cluster.add(e.uscc + "=" + e.departures);
                }
            }
            Severity severity = MassLayoffThresholds.county(rule, cluster.size(), departures);
            String before = reported.get(rule.id);
            String now = severity == null ? null : severity.id + "|" + cluster.size() + "|" + departures;
            if (now == null ? before != null : !now.equals(before)) {
                out.collect(observation(rule, county, severity, observedAt, cluster, departures));
            }
            if (now == null) {
                reported.remove(rule.id);
            } else {
                reported.put(rule.id, now);
            }
        }
        if (employers.isEmpty()) {
            lastObservedAt.clear();
        } else {
            lastObservedAt.update(observedAt);
        }
    }

    private static Observation observation(RuleDefinition rule, String county, Severity severity, long at,
            List<String> cluster, long departures) {
        Observation o = new Observation();
        o.ruleId = rule.id;
        o.ruleVersion = rule.version;
        o.scopeKey = SCOPE + county;
        o.regionCode = county;
        o.severity = severity;
        o.observedAt = at;
        o.evidence.put("departures", String.valueOf(departures));
        o.evidence.put("cluster_employers", String.valueOf(cluster.size()));
        o.evidence.put("employers", String.join(", ", cluster));
        o.evidence.put("window_days", rule.param("windowDays"));
        o.evidence.put("thresholds", "clusterEmployers=" + rule.param("clusterEmployers")
                + " clusterPersons=" + rule.param("clusterPersons")
                + " clusterShare=" + rule.param("clusterShare")
                + " regionPersons=" + rule.param("regionPersons"));
        return o;
    }

    @Override
    public void processBroadcastElement(RuleDefinition update, Context ctx, Collector<Observation> out) throws Exception {
        live.apply(update, ctx.getBroadcastState(LiveRules.STATE));
    }
}
