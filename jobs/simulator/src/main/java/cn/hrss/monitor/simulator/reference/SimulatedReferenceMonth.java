package cn.hrss.monitor.simulator.reference;

import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.activity.SimContext;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.population.Population;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * One benefit month of the baseline simulation, measured per county: who is employed and who is registered
 * unemployed at its start, and the benefit outflow a stream of the config's density pays for it.
 *
 * <p>Every beneficiary is owed one payment per benefit month, and the generator pays those not yet paid in random
 * order, so a county's expected outflow is what its beneficiaries are owed times the share of it paid nationally.
 * That share comes from running a private generator (same config, no scenarios, no bad input) through one whole
 * calendar month: the month of the config's start, from its first day. A window that starts mid-month or spans two
 * months would count parts of two benefit months (30 days from 2026-07-13 pay 1.8 months' worth of pensions), and
 * counting payments county by county would leave small counties to chance.
 *
 * <p>A month of a dense stream has millions of records, so the run is thinned to about {@link #RECORD_BUDGET}
 * records and scaled back by the thinning factor k: payments grow with the stream's density until everybody still
 * owed has been paid, so the dense stream pays min(k × paid, paid + still owed at the month's end). The thinned
 * stream also churns k times slower, so fewer unemployment-benefit recipients find work or deregister before the
 * payout days: for {@link SimulatorConfig#defaults()} 210 comes out about 6% above what the stream pays, the
 * pensions and work injury within 1%.
 */
final class SimulatedReferenceMonth {
    /** Records of the measuring run at most (nominally); about a second of generation. */
    static final int RECORD_BUDGET = 200_000;

    static final int EMPLOYED = 0;
    static final int UNEMPLOYED = 1;
    /** Column of an insurance type's monthly outflow in fen: OUTFLOW + {@link InsuranceType#ordinal()}. */
    static final int OUTFLOW = 2;
    static final int COLUMNS = OUTFLOW + InsuranceType.values().length;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BENEFIT_PAID = "benefit.paid";

    /** County codes, in {@link Population#countyCode} order. */
    final String[] countyCodes;
    /** Per county: employed persons, registered unemployed persons, then the monthly outflow of each type in fen. */
    final long[][] figures;

    private SimulatedReferenceMonth(String[] countyCodes, long[][] figures) {
        this.countyCodes = countyCodes;
        this.figures = figures;
    }

    static SimulatedReferenceMonth measure(SimulatorConfig config) {
        LocalDate firstDay = ChinaTime.date(config.simulatedStart().toEpochMilli()).withDayOfMonth(1);
        long from = ChinaTime.startOfDay(firstDay.toEpochDay());
        long to = ChinaTime.startOfDay(firstDay.plusMonths(1).toEpochDay());
        double thinning = Math.max(1, (to - from) / config.simulatedMillisPerRecord() / RECORD_BUDGET);
        SimulatorConfig baseline = config.withScenarios(Set.of()).withBadInput(0, 0, 0)
                .withStart(Instant.ofEpochMilli(from))
                .withClock(config.eventsPerSecond(), config.timeScale() * thinning);
        EventGenerator generator = new EventGenerator(baseline);
        SimContext ctx = generator.context();
        Population pop = ctx.population;

        // The population starts the same whatever the start date and clock, so this is the config's opening state.
        long[][] figures = new long[pop.countyCode.length][COLUMNS];
        for (int p = 0; p < pop.persons; p++) {
            if (pop.status[p] == Population.EMPLOYED) {
                figures[pop.county[p]][EMPLOYED]++;
            } else if (pop.status[p] == Population.UNEMPLOYED) {
                figures[pop.county[p]][UNEMPLOYED]++;
            }
        }
        long[][] owed = owedByCounty(pop);
        long[] stillOwed = new long[InsuranceType.values().length];
        // Just before midnight, when the next benefit month would forgive what is still owed.
        ctx.schedule.at(to - 1, t -> {
            sumInto(owedByCounty(pop), stillOwed);
            return null;
        });
        long[] paid = new long[InsuranceType.values().length];
        String benefitMonth = Integer.toString(ChinaTime.yearMonth(firstDay));
        while (generator.simulatedNow().toEpochMilli() < to) {
            SimulatedRecord record = generator.next();
            if (record.family() == EventFamily.BENEFIT) {
                addPayment(record.json(), benefitMonth, paid);
            }
        }

        long[] owedTotal = sumInto(owed, new long[paid.length]);
        for (int t = 0; t < paid.length; t++) {
            double share = owedTotal[t] == 0 ? 0
                    : Math.min(thinning * paid[t], paid[t] + stillOwed[t]) / owedTotal[t];
            for (int c = 0; c < figures.length; c++) {
                figures[c][OUTFLOW + t] = Math.round(share * owed[t][c]);
            }
        }
        return new SimulatedReferenceMonth(pop.countyCode, figures);
    }

    /** @return per insurance type ordinal and county: what the not-yet-paid beneficiaries are owed this month (fen) */
    private static long[][] owedByCounty(Population pop) {
        long[][] owed = new long[InsuranceType.values().length][pop.countyCode.length];
        int unemployment = InsuranceType.UNEMPLOYMENT.ordinal();
        int injury = InsuranceType.WORK_INJURY.ordinal();
        for (int p = 0; p < pop.persons; p++) {
            int county = pop.county[p];
            if (pop.unpaidPension.contains(p)) {
                String scheme = Population.PENSION_SCHEMES[pop.pensionScheme[p]];
                owed[InsuranceType.fromCode(scheme).ordinal()][county] += pop.pensionFen[p];
            }
            if (pop.unpaidUi.contains(p)) {
                owed[unemployment][county] += pop.uiFen[p];
            }
            if (pop.unpaidInjury.contains(p)) {
                owed[injury][county] += pop.injuryFen[p];
            }
        }
        return owed;
    }

    private static long[] sumInto(long[][] byTypeAndCounty, long[] totals) {
        for (int t = 0; t < totals.length; t++) {
            for (long fen : byTypeAndCounty[t]) {
                totals[t] += fen;
            }
        }
        return totals;
    }

    private static void addPayment(String json, String benefitMonth, long[] paid) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Neither the record nor Jackson's message, which quotes it: it carries a citizen ID.
            throw new IllegalStateException("the baseline generator emitted a record that is not JSON");
        }
        if (!BENEFIT_PAID.equals(event.path("type").asText())
                || !benefitMonth.equals(event.path("benefitMonth").asText())) {
            return;
        }
        InsuranceType type = InsuranceType.fromCode(event.path("insuranceType").asText());
        paid[type.ordinal()] += new BigDecimal(event.path("amount").asText()).movePointRight(2).longValueExact();
    }
}
