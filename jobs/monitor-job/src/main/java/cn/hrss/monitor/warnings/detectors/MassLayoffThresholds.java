package cn.hrss.monitor.warnings.detectors;

import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.RuleDefinition;

/**
 * The tiers of domain.md §4 (layoffs) over one employer or one county, thresholds from the rule. The colour of each
 * tier is what the tier means (Labour Contract Law art. 41 yellow, Shandong orange, Hangzhou level-I red), so the
 * colours are fixed here and only the numbers are tunable.
 *
 * <p>A share of headcount counts only from the optional {@code shareMinPersons} persons up: without it, one person
 * leaving a ten-person firm would be "10% of headcount", which ordinary turnover reaches every day somewhere.
 */
final class MassLayoffThresholds {
    static final String SHARE_MIN_PERSONS = "shareMinPersons";

    private MassLayoffThresholds() {}

    /** @return the employer's tier: red (large employer), orange (one employer at once), yellow, or null */
    static Severity employer(RuleDefinition rule, MassLayoffEmployer e) {
        if (e.headcount >= rule.integer("largeEmployerHeadcount") && e.departures >= rule.integer("largeEmployerPersons")) {
            return Severity.RED;
        }
        if (e.departures >= rule.integer("singleEmployerPersons")) {
            return Severity.ORANGE;
        }
        if (e.departures >= rule.integer("employerPersons") || shareAtLeast(rule, e, rule.number("employerShare"))) {
            return Severity.YELLOW;
        }
        return null;
    }

    /** @return whether the employer counts towards a county cluster: more than clusterPersons or clusterShare left */
    static boolean inCluster(RuleDefinition rule, MassLayoffEmployer e) {
        return e.departures > rule.integer("clusterPersons")
                || shareAtLeast(rule, e, rule.number("clusterShare")) && e.share() > rule.number("clusterShare");
    }

    /** @return the county's tier: red (regionPersons across employers), orange (clusterEmployers employers), or null */
    static Severity county(RuleDefinition rule, int clusterEmployers, long departures) {
        if (departures >= rule.integer("regionPersons")) {
            return Severity.RED;
        }
        return clusterEmployers >= rule.integer("clusterEmployers") ? Severity.ORANGE : null;
    }

    private static boolean shareAtLeast(RuleDefinition rule, MassLayoffEmployer e, double share) {
        String minPersons = rule.params.get(SHARE_MIN_PERSONS);
        return e.headcount > 0 && e.departures >= share * e.headcount
                && (minPersons == null || e.departures >= Integer.parseInt(minPersons));
    }
}
