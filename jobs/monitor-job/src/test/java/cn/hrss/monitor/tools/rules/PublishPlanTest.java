package cn.hrss.monitor.tools.rules;

import cn.hrss.monitor.warnings.rules.RuleCatalog;
import cn.hrss.monitor.warnings.rules.RuleDefinition;

import static cn.hrss.monitor.warnings.rules.RuleCatalogTest.SHIPPED;
import static cn.hrss.monitor.warnings.rules.RuleCatalogTest.byId;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.warnings.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refusal logic of {@code rules publish}, against a published state given as a map (no Kafka). */
class PublishPlanTest {

    @Test
    void nothingPublishedYetPublishesEverything() {
        List<RuleDefinition> catalog = RuleCatalog.load(SHIPPED);

        PublishPlan plan = PublishPlan.of(catalog, Map.of());

        assertThat(plan.refused()).isFalse();
        assertThat(plan.toPublish()).containsExactlyElementsOf(catalog);
    }

    @Test
    void theSameRuleAgainIsSkippedWhicheverFileItCameFrom() {
        RuleDefinition published = rule("fund_imbalance");
        published.sourceFile = "elsewhere/fund_imbalance.yaml";

        PublishPlan plan = PublishPlan.of(List.of(rule("fund_imbalance")), Map.of("fund_imbalance", published));

        assertThat(plan.toPublish()).isEmpty();
        assertThat(plan.unchanged()).containsExactly("fund_imbalance v1");
        assertThat(plan.refused()).isFalse();
    }

    @Test
    void aNewerThresholdIsPublished() {
        RuleDefinition changed = rule("fund_imbalance");
        changed.version = 2;
        changed.params.put("ratioBelow", "0.95");
        changed.bands.get(0).severity = Severity.ORANGE;

        PublishPlan plan = PublishPlan.of(List.of(changed), Map.of("fund_imbalance", rule("fund_imbalance")));

        assertThat(plan.toPublish()).containsExactly(changed);
        assertThat(plan.refusals()).isEmpty();
    }

    @Test
    void aChangeWithoutANewerVersionIsRefused() {
        RuleDefinition changed = rule("fund_months_payable");
        changed.bands.get(0).below = 13.0;
        RuleDefinition published = rule("fund_months_payable");
        published.version = 3;

        PublishPlan plan = PublishPlan.of(List.of(changed), Map.of("fund_months_payable", published));

        assertThat(plan.toPublish()).isEmpty();
        assertThat(plan.refusals()).containsExactly("alerts/rules/fund_months_payable.yaml: rule fund_months_payable:"
                + " version: 1 is not greater than the published version 3; set version: 4 to publish this change");
    }

    @Test
    void aStructuralChangeIsRefusedWithTheRedeployAdvice() {
        RuleDefinition changed = rule("fund_imbalance");
        changed.version = 2;
        changed.params.put("consecutivePeriods", "3");

        PublishPlan plan = PublishPlan.of(List.of(changed), Map.of("fund_imbalance", rule("fund_imbalance")));

        assertThat(plan.toPublish()).isEmpty();
        assertThat(plan.refusals()).singleElement().asString()
                .startsWith("alerts/rules/fund_imbalance.yaml: rule fund_imbalance v2: parameter consecutivePeriods"
                        + " changes from 2 to 3 (published: v1)")
                .contains("redeploy the job from a savepoint");
    }

    @Test
    void aRefusalMarksThePlanRefusedAndNamesTheRule() {
        RuleDefinition scopeChanged = rule("data_absence");
        scopeChanged.version = 2;
        scopeChanged.scope = "source";
        scopeChanged.params.put("scopeBy", "source");
        RuleDefinition fine = rule("mass_layoff");
        fine.version = 2;
        fine.params.put("employerPersons", "25");

        PublishPlan plan = PublishPlan.of(List.of(scopeChanged, fine),
                Map.of("data_absence", rule("data_absence"), "mass_layoff", rule("mass_layoff")));

        assertThat(plan.refused()).isTrue();
        assertThat(plan.refusals()).singleElement().asString()
                .contains("scope changes from region to source", "redeploy the job from a savepoint");
        assertThat(plan.toPublish()).containsExactly(fine);
    }

    private static RuleDefinition rule(String id) {
        return byId(RuleCatalog.load(SHIPPED), id);
    }
}
