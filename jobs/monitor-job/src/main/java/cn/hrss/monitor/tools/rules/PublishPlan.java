package cn.hrss.monitor.tools.rules;

import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code rules publish} does with validated rules, given those already on the rules topic: publish a rule that is
 * new or a newer version of a live-tunable change; skip one that says the same as the published one; refuse a
 * different rule whose version is not greater, and a structural change (the running job could not apply it).
 * Refusals stop the whole publication, so the topic never holds half a change.
 *
 * @param toPublish rules to produce, in catalog order
 * @param unchanged rules already published as they are ({@code id vN})
 * @param refusals why rules cannot be published, one message each
 */
public record PublishPlan(List<RuleDefinition> toPublish, List<String> unchanged, List<String> refusals) {

    public static PublishPlan of(List<RuleDefinition> candidates, Map<String, RuleDefinition> published) {
        List<RuleDefinition> toPublish = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (RuleDefinition c : candidates) {
            RuleDefinition p = published.get(c.id);
            if (p == null) {
                toPublish.add(c);
            } else if (RuleJson.sameContent(c, p)) {
                unchanged.add(c.id + " v" + c.version);
            } else {
                String structural = p.structuralDifference(c);
                if (structural != null) {
                    refusals.add(c.sourceFile + ": rule " + c.id + " v" + c.version + ": " + structural
                            + " (published: v" + p.version + "). This is a structural change that the running job"
                            + " cannot apply: redeploy the job from a savepoint with the new catalog instead.");
                } else if (c.version <= p.version) {
                    refusals.add(c.sourceFile + ": rule " + c.id + ": version: " + c.version
                            + " is not greater than the published version " + p.version
                            + "; set version: " + (p.version + 1) + " to publish this change");
                } else {
                    toPublish.add(c);
                }
            }
        }
        return new PublishPlan(List.copyOf(toPublish), List.copyOf(unchanged), List.copyOf(refusals));
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }
}
