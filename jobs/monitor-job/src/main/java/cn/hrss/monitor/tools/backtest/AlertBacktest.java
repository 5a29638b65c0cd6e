package cn.hrss.monitor.tools.backtest;

import cn.hrss.monitor.job.MonitorJob;
import cn.hrss.monitor.job.MonitorSinks;
import cn.hrss.monitor.job.MonitorSources;
import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.IngestWatermarks;
import cn.hrss.monitor.ingest.Ingested;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;
import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import cn.hrss.monitor.tools.clickhouse.StoredEvents;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import cn.hrss.monitor.warnings.lifecycle.Transition;
import cn.hrss.monitor.warnings.rules.RuleCatalog;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import cn.hrss.monitor.warnings.rules.RuleUpdates;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;

/**
 * {@code bin/alerts backtest}: replays the stored events of a time range through the same workflow in bounded mode and
 * reports how many alerts each rule would have raised, by severity, so thresholds can be tuned before publishing.
 * The rules come from {@code rules.dir} (or the catalog in the jar): point it at an edited copy to try a change.
 * {@code data_absence} is not replayed: it watches wall-clock silence, which a replay cannot reproduce.
 */
public final class AlertBacktest {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private AlertBacktest() {}

    /** Per rule: alerts raised and, per severity, how many reached it at their peak. */
    public record Result(Map<String, Long> alertsByRule, Map<String, Map<String, Long>> peakSeverityByRule) {}

    /** Usage: {@code AlertBacktest CONFIG_FILE FROM_DATE TO_DATE} (dates in China time, to exclusive). */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: alerts backtest CONFIG_FILE FROM_DATE TO_DATE   (e.g. conf/app.properties"
                    + " 2026-06-01 2026-09-01)");
            System.exit(2);
        }
        MonitorConfig config = MonitorConfig.load(Path.of(args[0]));
        long from = LocalDate.parse(args[1]).atStartOfDay(CHINA).toInstant().toEpochMilli();
        long to = LocalDate.parse(args[2]).atStartOfDay(CHINA).toInstant().toEpochMilli();
        Result result = run(config, from, to);
        System.out.println("backtest " + args[1] + " .. " + args[2] + ": alerts by rule (peak severities)");
        for (Map.Entry<String, Long> e : result.alertsByRule().entrySet()) {
            System.out.println("  " + e.getKey() + ": " + e.getValue() + " " + result.peakSeverityByRule().get(e.getKey()));
        }
        System.out.println("  data_absence: not replayable (wall-clock silence)");
    }

    public static Result run(MonitorConfig config, long fromMillis, long toMillis) throws Exception {
        List<Event> events;
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(config.clickHouse());
        try (ClickHouseQueries ch = new ClickHouseQueries(endpoint)) {
            events = StoredEvents.read(ch, fromMillis, toMillis);
        }
        List<RuleDefinition> replayable = RuleCatalog.loadFrom(config.rulesDir()).stream()
                .filter(r -> r.kind != RuleKind.DATA_ABSENCE).toList();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        MonitorJob.configure(env, config);
        Replay replay = new Replay(events, config);
        MonitorJob.defineWorkflow(env, replay, replay, config, replayable);
        Map<String, Long> alerts = new TreeMap<>();
        Map<String, Map<String, Long>> peaks = new TreeMap<>();
        Map<String, String> peakById = new TreeMap<>();
        Map<String, String> ruleById = new TreeMap<>();
        try (CloseableIterator<AlertTransition> it = replay.alerts.collectAsync()) {
            env.execute("hrss-alert-backtest");
            while (it.hasNext()) {
                AlertTransition t = it.next();
                ruleById.put(t.alertId, t.ruleId);
                if (t.transition == Transition.FIRING || t.transition == Transition.ESCALATED) {
                    peakById.put(t.alertId, t.severity);
                }
            }
        }
        for (Map.Entry<String, String> e : peakById.entrySet()) {
            String rule = ruleById.get(e.getKey());
            alerts.merge(rule, 1L, Long::sum);
            peaks.computeIfAbsent(rule, r -> new TreeMap<>()).merge(e.getValue(), 1L, Long::sum);
        }
        return new Result(alerts, peaks);
    }

    /** Stored events in, alerts out; everything else the workflow writes is dropped. */
    private static final class Replay implements MonitorSources, MonitorSinks {
        private final List<Ingested> records = new ArrayList<>();
        private final MonitorConfig config;
        private DataStream<AlertTransition> alerts;

        Replay(List<Event> events, MonitorConfig config) {
            this.config = config;
            for (Event e : events) {
                records.add(Ingested.accepted(e));
            }
        }

        @Override
        public DataStream<Ingested> ingested(StreamExecutionEnvironment env) {
            return env.fromData(records, TypeInformation.of(Ingested.class))
                    .assignTimestampsAndWatermarks(
                            IngestWatermarks.strategy(config.ingest().maxOutOfOrderness(), config.ingest().sourceIdleTimeout()));
        }

        @Override
        public DataStream<RuleDefinition> ruleUpdates(StreamExecutionEnvironment env) {
            return RuleUpdates.none(env);
        }

        @Override
        public void events(DataStream<Event> accepted) {
            accepted.sinkTo(new DiscardingSink<>());
        }

        @Override
        public void indicators(DataStream<IndicatorRow> indicators) {
            indicators.sinkTo(new DiscardingSink<>());
        }

        @Override
        public void rejected(DataStream<RejectedRecord> rejected) {
            rejected.sinkTo(new DiscardingSink<>());
        }

        @Override
        public void alerts(DataStream<AlertTransition> transitions) {
            alerts = transitions;
        }
    }
}
