package cn.hrss.monitor.warnings.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force inside an operator: the catalog the job was deployed with, overridden rule by rule by newer
 * versions published to the rules topic (broadcast state). Every detector and the alert lifecycle read rules through
 * this, so a threshold published once reaches all of them. Updates that would change the job graph are refused.
 */
public final class LiveRules implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

    /** Broadcast state: rule id → latest accepted definition. */
    public static final MapStateDescriptor<String, RuleDefinition> STATE =
            new MapStateDescriptor<>("rules", String.class, RuleDefinition.class);

    private final Map<String, RuleDefinition> deployed = new LinkedHashMap<>();

    public LiveRules(Collection<RuleDefinition> deployedCatalog) {
        for (RuleDefinition r : deployedCatalog) {
            deployed.put(r.id, r);
        }
    }

    /**
     * @return the rules of {@code kind} as deployed with the job, without published overrides: what the job graph is
     *     built from (structural parameters cannot change while it runs)
     */
    public List<RuleDefinition> deployedOfKind(RuleKind kind) {
        List<RuleDefinition> rules = new ArrayList<>();
        for (RuleDefinition d : deployed.values()) {
            if (d.kind == kind) {
                rules.add(d);
            }
        }
        return rules;
    }

    /** @return the definition in force for {@code id}, or null if the rule is unknown */
    public RuleDefinition get(String id, ReadOnlyBroadcastState<String, RuleDefinition> state) throws Exception {
        RuleDefinition published = state.get(id);
        return published != null ? published : deployed.get(id);
    }

    /** @return every rule of {@code kind} in force, in catalog order */
    public List<RuleDefinition> ofKind(RuleKind kind, ReadOnlyBroadcastState<String, RuleDefinition> state)
            throws Exception {
        List<RuleDefinition> rules = new ArrayList<>();
        for (RuleDefinition d : deployed.values()) {
            if (d.kind == kind) {
                rules.add(get(d.id, state));
            }
        }
        return rules;
    }

    /**
     * Accepts a published rule if it is newer and changes nothing structural; otherwise logs why not. A rule that was
     * not deployed with the job is refused too: a new rule needs a new job graph.
     *
     * @return null if applied, else the reason it was refused
     */
    public String apply(RuleDefinition update, BroadcastState<String, RuleDefinition> state) throws Exception {
        RuleDefinition base = deployed.get(update.id);
        String refusal;
        if (base == null) {
            refusal = "rule " + update.id + " is not part of the running job; deploy it by redeploying the job from a"
                    + " savepoint";
        } else {
            RuleDefinition current = get(update.id, state);
            String structural = base.structuralDifference(update);
            if (structural != null) {
                refusal = "rule " + update.id + " v" + update.version + " refused: " + structural
                        + " — a structural change; redeploy the job from a savepoint with the new catalog";
            } else if (update.version <= current.version) {
                refusal = "rule " + update.id + " v" + update.version + " ignored: v" + current.version + " is in force";
            } else {
                state.put(update.id, update);
                LOG.info("rule {} v{} in force", update.id, update.version);
                return null;
            }
        }
        LOG.warn(refusal);
        return refusal;
    }
}
