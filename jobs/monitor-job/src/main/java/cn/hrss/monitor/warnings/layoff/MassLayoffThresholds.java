package cn.hrss.monitor.warnings.layoff;

import cn.hrss.monitor.warnings.detectors.MassLayoffEmployer;

import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.RuleDefinition;

/**
 * The tiers of domain.md §4 (layoffs) over one employer or one county, thresholds from the rule: tier 1 one
 * employer's layoff (Labour Contract Law art. 41), 2 a county cluster or one employer at once (Shandong), 3 a large
 * employer or a whole county (Hangzhou level I). The rule's bands grade the tier, so the colours are tunable too.
 *
 * <p>A share of headcount counts only from the optional {@code shareMinPersons} persons up: without it, one person
 * leaving a ten-person firm would be "10% of headcount", which ordinary turnover reaches every day somewhere.
 */
final class MassLayoffThresholds {
    static final String SHARE_MIN_PERSONS = "shareMinPersons";
    private static final int NONE = 0;

    private MassLayoffThresholds() {}

    /** @return the severity of the employer's tier, or null */
    static Severity employer(RuleDefinition rule, MassLayoffEmployer e) {
        int tier = NONE;
        if (e.headcount >= rule.integer("largeEmployerHeadcount") && e.departures >= rule.integer("largeEmployerPersons")) {
            tier = 3;
        } else if (e.departures >= rule.integer("singleEmployerPersons")) {
            tier = 2;
        } else if (e.departures >= rule.integer("employerPersons") || shareAtLeast(rule, e, rule.number("employerShare"))) {
            tier = 1;
        }
        return graded(rule, tier);
    }

    /** @return whether the employer counts towards a county cluster: more than clusterPersons or clusterShare left */
    static boolean inCluster(RuleDefinition rule, MassLayoffEmployer e) {
        return e.departures > rule.integer("clusterPersons")
                || shareAtLeast(rule, e, rule.number("clusterShare")) && e.share() > rule.number("clusterShare");
    }

    /** @return the severity of the county's tier (regionPersons across employers: 3; a cluster: 2), or null */
    static Severity county(RuleDefinition rule, int clusterEmployers, long departures) {
        int tier = departures >= rule.integer("regionPersons") ? 3
                : clusterEmployers >= rule.integer("clusterEmployers") ? 2 : NONE;
        return graded(rule, tier);
    }

    private static Severity graded(RuleDefinition rule, int tier) {
        return tier == NONE ? null : rule.severityFor(tier, "");
    }

    private static boolean shareAtLeast(RuleDefinition rule, MassLayoffEmployer e, double share) {
        String minPersons = rule.params.get(SHARE_MIN_PERSONS);
        return e.headcount > 0 && e.departures >= share * e.headcount
                && (minPersons == null || e.departures >= Integer.parseInt(minPersons));
    }
}
