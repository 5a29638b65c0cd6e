package cn.hrss.monitor.warnings.fraud;

import cn.hrss.monitor.warnings.detectors.BenefitAfterDeathPayment;
import cn.hrss.monitor.warnings.detectors.UiWhileEmployedSpell;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * ui_while_employed (领取失业金期间就业): keyed by person pseudonym, fed unemployment-benefit payments and what
 * employers file about the person: insurance enrolments (增员) and unit employment registrations, plus the departures
 * that end them. Unemployment benefit paid for a month in which an employer employed the person (see
 * {@link UiWhileEmployedSpell#overlaps}) is a suspicion, in either arrival order. Self-employed and flexible
 * employment, and enrolments filed by the person as an individual or flexible worker, are not re-employment by an
 * employer and are ignored.
 *
 * <p>One observation per person; its value (for the bands) is the number of benefit months overlapping employment.
 * State per person (payments, one spell per employer, what was last reported, the latest activity) is cleared by an
 * event-time timer {@code retention} after the person's latest event; a reported suspicion is then cleared so the
 * alert can resolve after the rule's hold. A live rule change applies from the person's next event.
 */
public final class UiWhileEmployedDetector
        extends PersonSuspicionDetector {
    /** Bounds per person: one benefit payment a month, and a handful of employers within a retention. */
    static final int MAX_PAYMENTS = 24;
    static final int MAX_SPELLS = 16;

    private static final String UNEMPLOYMENT_BENEFIT = "unemployment_benefit";

    private transient ListState<BenefitAfterDeathPayment> payments;
    /** Employer USCC → its latest spell with the person. */
    private transient MapState<String, UiWhileEmployedSpell> spells;

    public UiWhileEmployedDetector(LiveRules liveRules, String ruleId) {
        super(liveRules, ruleId, RuleKind.UI_WHILE_EMPLOYED);
    }

    /**
     * @return whether the detector needs {@code e}: unemployment-benefit payments, and enrolments, unit employment
     *     registrations and the matching departures filed by an employer, all of a known person
     */
    public static boolean isInput(Event e) {
        if (e.personPseudonym == null) {
            return false;
        }
        return switch (e.type) {
            case BENEFIT_PAID -> UNEMPLOYMENT_BENEFIT.equals(e.benefitItem) && e.benefitMonth > 0;
            case INSURED_ENROLLED, INSURED_LEFT -> e.employerUscc != null && filedByEmployer(e.contributorKind);
            case EMPLOYMENT_REGISTERED, EMPLOYMENT_TERMINATED ->
                    e.employerUscc != null && "unit".equals(e.employmentForm);
            default -> false;
        };
    }

    /** Key: the person's pseudonym. */
    public static String personOf(Event e) {
        return e.personPseudonym;
    }

    /** Insured changes may say who files them; an individual or flexible worker insuring themselves is not hired. */
    private static boolean filedByEmployer(String contributorKind) {
        return !"individual".equals(contributorKind) && !"flexible".equals(contributorKind);
    }

    @Override
    protected void openPersonState() {
        payments = getRuntimeContext().getListState(
                new ListStateDescriptor<>("uiPayments", BenefitAfterDeathPayment.class));
        spells = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("spells", String.class, UiWhileEmployedSpell.class));
    }

    @Override
    protected void forgetPerson() {
        payments.clear();
        spells.clear();
    }

    @Override
    protected void judge(Event e, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        if (!isInput(e)) {
            return;
        }
        RuleDefinition rule = rule(ctx);
        long retention = rule.duration("retention").toMillis();
        long latest = touch(e.occurredAt, retention, ctx);
        // Anything older than a retention before the person's latest activity could never be matched any more.
        long horizon = latest - retention;
        if (e.type == EventType.BENEFIT_PAID) {
            payments.update(BenefitAfterDeathPayment.remember(
                    payments.get(), BenefitAfterDeathPayment.of(e), horizon, MAX_PAYMENTS));
        } else {
            UiWhileEmployedSpell spell = spells.get(e.employerUscc);
            if (spell == null) {
                spell = UiWhileEmployedSpell.of(e.employerUscc);
            }
            if (e.type == EventType.INSURED_ENROLLED || e.type == EventType.EMPLOYMENT_REGISTERED) {
                spell.start(e.occurredAt);
            } else {
                spell.end(e.occurredAt);
            }
            spells.put(e.employerUscc, spell);
            forgetSpellsBefore(horizon);
        }
        // Observed at the latest activity, not this event's time: a late event must not look older to the lifecycle.
        evaluate(rule, latest, ctx.getCurrentKey(), out);
    }

    private void forgetSpellsBefore(long horizon) throws Exception {
        List<UiWhileEmployedSpell> all = new ArrayList<>();
        spells.values().forEach(all::add);
        all.sort(Comparator.comparingLong(UiWhileEmployedSpell::lastKnownAt).reversed());
        for (int i = 0; i < all.size(); i++) {
            if (i >= MAX_SPELLS || all.get(i).lastKnownAt() < horizon) {
                spells.remove(all.get(i).employerUscc);
            }
        }
    }

    private void evaluate(RuleDefinition rule, long at, String person, Collector<Observation> out) throws Exception {
        // Overlapping payments, each with the employer whose spell it overlaps (the earliest-starting one).
        Map<BenefitAfterDeathPayment, UiWhileEmployedSpell> overlaps = new TreeMap<>(
                Comparator.comparingLong((BenefitAfterDeathPayment p) -> p.paidAt).thenComparing(p -> p.benefitMonth));
        for (BenefitAfterDeathPayment p : payments.get()) {
            for (UiWhileEmployedSpell s : spells.values()) {
                UiWhileEmployedSpell known = overlaps.get(p);
                if (s.overlaps(p) && (known == null || s.startedAt < known.startedAt)) {
                    overlaps.put(p, s);
                }
            }
        }
        TreeSet<Integer> months = new TreeSet<>();
        overlaps.keySet().forEach(p -> months.add(p.benefitMonth));
        BenefitAfterDeathPayment latest =
                months.isEmpty() ? null : BenefitAfterDeathPayment.latest(new ArrayList<>(overlaps.keySet()));
        Severity severity = latest == null ? null : rule.severityFor(months.size(), latest.insuranceType);
        if (severity == null) {
            if (reported.value() != null) {
                out.collect(observation(rule, person, null, at));
                reported.clear();
            }
            return;
        }
        long totalFen = overlaps.keySet().stream().mapToLong(p -> p.amountFen).sum();
        String summary = severity.id + "|" + months + "|" + totalFen;
        if (summary.equals(reported.value())) {
            return;
        }
        reported.update(summary);
        UiWhileEmployedSpell employer = overlaps.get(latest);
        Observation o = observation(rule, person, severity, at);
        o.regionCode = latest.regionCode;
        o.insuranceType = latest.insuranceType;
        o.employerUscc = employer.employerUscc;
        o.evidence.put("value", String.valueOf(months.size()));
        o.evidence.put("monthsOverlapping", String.valueOf(months.size()));
        o.evidence.put("benefitMonth",
                months.stream().map(BenefitAfterDeathPayment::month).collect(Collectors.joining("、")));
        o.evidence.put("enrolmentMonth", BenefitAfterDeathPayment.month(employer.startMonth()));
        o.evidence.put("employers", overlaps.values().stream().map(s -> s.employerUscc).distinct().sorted()
                .collect(Collectors.joining(",")));
        o.evidence.put("amount", BenefitAfterDeathPayment.yuan(totalFen));
        o.evidence.put("amountFen", String.valueOf(totalFen));
        o.evidence.put("paidAmounts", overlaps.keySet().stream()
                .map(p -> BenefitAfterDeathPayment.month(p.benefitMonth) + ":"
                        + BenefitAfterDeathPayment.yuan(p.amountFen))
                .collect(Collectors.joining(",")));
        o.evidence.put("batchIds", overlaps.keySet().stream().map(p -> p.batchId).filter(b -> !b.isEmpty())
                .distinct().sorted().collect(Collectors.joining(",")));
        out.collect(o);
    }
}
