package cn.hrss.monitor.warnings.patterns;

import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The rules a job graph is built from: the deployed catalog without published overrides. Only structural parameters
 * (pattern lengths, periods) are read this way; they cannot change while the job runs.
 */
public final class DeployedRules {
    private DeployedRules() {}

    public static List<RuleDefinition> ofKind(LiveRules live, RuleKind kind) {
        try {
            return live.ofKind(kind, new NothingPublished());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the deployed " + kind.id + " rules", e);
        }
    }

    /** Broadcast state before anything was published. */
    private static final class NothingPublished implements ReadOnlyBroadcastState<String, RuleDefinition> {
        @Override
        public RuleDefinition get(String key) {
            return null;
        }

        @Override
        public boolean contains(String key) {
            return false;
        }

        @Override
        public Iterable<Map.Entry<String, RuleDefinition>> immutableEntries() {
            return List.of();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
