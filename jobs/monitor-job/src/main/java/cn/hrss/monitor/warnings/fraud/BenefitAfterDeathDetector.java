package cn.hrss.monitor.warnings.fraud;

import cn.hrss.monitor.warnings.detectors.BenefitAfterDeathPayment;

import cn.hrss.monitor.events.Event;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.Severity;
import cn.hrss.monitor.warnings.rules.LiveRules;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleKind;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * benefit_after_death (死亡冒领): keyed by person pseudonym, fed {@code death.recorded} and {@code benefit.paid}
 * events. A benefit paid for a month later than the month of death plus {@code graceMonths} is a suspicion, whichever
 * arrives first: death records come late, in batches, so payments are remembered until the record can meet them.
 *
 * <p>One observation per person; its value (for the bands) is the number of distinct months paid after death. A
 * later payment that adds a month or an amount re-emits it (same scope, so the lifecycle updates the alert).
 *
 * <p>State per person: the date of death, the payments of the last {@code retention} (at most {@link #MAX_PAYMENTS}),
 * what was last reported, and the time of the latest activity. An event-time timer clears it {@code retention} after
 * the person's latest event (death record or payment), so it is bounded and the same in replays. A fraud suspicion
 * never clears by itself while it is remembered; when the state expires a clear is emitted so the alert can resolve
 * after the rule's hold. The case itself lives on in the review queue, not in this operator.
 *
 * <p>A live change of {@code graceMonths} or the bands applies from the person's next event.
 */
public final class BenefitAfterDeathDetector
        extends PersonSuspicionDetector {
    /** Bound per person: a pensioner is paid a few items a month, so 13 months of payments fit well below this. */
    static final int MAX_PAYMENTS = 64;

    /** Date of death, YYYYMMDD; the earliest when several sources report it. */
    private transient ValueState<Integer> deathDate;
    private transient ListState<BenefitAfterDeathPayment> payments;

    public BenefitAfterDeathDetector(LiveRules liveRules, String ruleId) {
        super(liveRules, ruleId, RuleKind.BENEFIT_AFTER_DEATH);
    }

    /** @return whether the detector needs {@code e}: dated death records and benefit payments of a known person */
    public static boolean isInput(Event e) {
        return e.personPseudonym != null
                && (e.type == EventType.DEATH_RECORDED && e.recordDate > 0
                        || e.type == EventType.BENEFIT_PAID && e.benefitMonth > 0);
    }

    /** Key: the person's pseudonym. */
    public static String personOf(Event e) {
        return e.personPseudonym;
    }

    @Override
    protected void openPersonState() {
        deathDate = getRuntimeContext().getState(new ValueStateDescriptor<>("deathDate", Integer.class));
        payments = getRuntimeContext().getListState(
                new ListStateDescriptor<>("payments", BenefitAfterDeathPayment.class));
    }

    @Override
    protected void forgetPerson() {
        deathDate.clear();
        payments.clear();
    }

    @Override
    protected void judge(Event e, ReadOnlyContext ctx, Collector<Observation> out) throws Exception {
        if (!isInput(e)) {
            return;
        }
        RuleDefinition rule = rule(ctx);
        long retention = rule.duration("retention").toMillis();
        long latest = touch(e.occurredAt, retention, ctx);
        if (e.type == EventType.DEATH_RECORDED) {
            Integer known = deathDate.value();
            if (known == null || e.recordDate < known) {
                deathDate.update(e.recordDate);
            }
        } else {
            // Payments older than a retention before the person's latest activity could never be matched any more.
            payments.update(BenefitAfterDeathPayment.remember(
                    payments.get(), BenefitAfterDeathPayment.of(e), latest - retention, MAX_PAYMENTS));
        }
        // Observed at the latest activity, not this event's time: a late event must not look older to the lifecycle.
        evaluate(rule, latest, ctx.getCurrentKey(), out);
    }

    private void evaluate(RuleDefinition rule, long at, String person, Collector<Observation> out) throws Exception {
        Integer death = deathDate.value();
        if (death == null) {
            return;
        }
        YearMonth deathMonth = YearMonth.of(death / 10_000, death / 100 % 100);
        YearMonth lastFine = deathMonth.plusMonths(rule.integer("graceMonths"));
        int lastFineMonth = lastFine.getYear() * 100 + lastFine.getMonthValue();
        List<BenefitAfterDeathPayment> after = new ArrayList<>();
        for (BenefitAfterDeathPayment p : payments.get()) {
            if (p.benefitMonth > lastFineMonth) {
                after.add(p);
            }
        }
        Severity severity = null;
        BenefitAfterDeathPayment latest = null;
        TreeSet<Integer> months = new TreeSet<>();
        if (!after.isEmpty()) {
            after.forEach(p -> months.add(p.benefitMonth));
            latest = BenefitAfterDeathPayment.latest(after);
            severity = rule.severityFor(months.size(), latest.insuranceType);
        }
        if (severity == null) {
            // Nothing (or no longer anything, after a live rule change) to report.
            if (reported.value() != null) {
                out.collect(observation(rule, person, null, at));
                reported.clear();
            }
            return;
        }
        long totalFen = after.stream().mapToLong(p -> p.amountFen).sum();
        String summary = severity.id + "|" + months + "|" + totalFen;
        if (summary.equals(reported.value())) {
            return;
        }
        reported.update(summary);
        Observation o = observation(rule, person, severity, at);
        o.regionCode = latest.regionCode;
        o.insuranceType = latest.insuranceType;
        o.evidence.put("value", String.valueOf(months.size()));
        o.evidence.put("monthsPaidAfterDeath", String.valueOf(months.size()));
        o.evidence.put("deathMonth", deathMonth.toString());
        o.evidence.put("graceMonths", rule.param("graceMonths"));
        o.evidence.put("benefitMonth",
                months.stream().map(BenefitAfterDeathPayment::month).collect(Collectors.joining("、")));
        o.evidence.put("amount", BenefitAfterDeathPayment.yuan(totalFen));
        o.evidence.put("amountFen", String.valueOf(totalFen));
        o.evidence.put("benefitItems", after.stream().map(p -> p.benefitItem).distinct().sorted()
                .collect(Collectors.joining(",")));
        o.evidence.put("batchIds", after.stream().map(p -> p.batchId).filter(b -> !b.isEmpty()).distinct().sorted()
                .collect(Collectors.joining(",")));
        out.collect(o);
    }
}
