package cn.hrss.monitor.simulator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.Streams;
import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default demo run: every scenario within four simulated days. */
class ScenarioTest {
    private static final SimulatorConfig CONFIG = SimulatorConfig.defaults();
    private static ScenarioLog log;
    private static List<JsonNode> events;

    @BeforeAll
    static void generate() {
        EventGenerator generator = new EventGenerator(CONFIG);
        Instant end = CONFIG.simulatedStart().plus(CONFIG.runLength()).plus(6, ChronoUnit.HOURS);
        events = Streams.valid(Streams.generateUntil(generator, end));
        log = generator.scenarioLog();
    }

    @Test
    void everyScenarioIsLoggedInItsOwnCity() {
        assertThat(log.entries()).extracting(ScenarioLog.Entry::scenario).containsExactlyInAnyOrder(Scenario.values());
        Set<String> cities = new HashSet<>();
        for (ScenarioLog.Entry e : log.entries()) {
            assertThat(cities.add(e.regionCode().substring(0, 4))).as(e.toString()).isTrue();
            assertThat(e.to()).isAfter(e.from());
            assertThat(e.to()).isBeforeOrEqualTo(CONFIG.simulatedStart().plus(CONFIG.runLength()));
        }
    }

    @Test
    void massLayoffShedsAtLeastTwentyAndTenPercentAtOneEmployerWithinAWeek() {
        ScenarioLog.Entry entry = log.find(Scenario.MASS_LAYOFF).orElseThrow();
        Set<String> laidOff = new HashSet<>();
        int headcountBefore = 0;
        Instant first = null;
        Instant last = null;
        for (JsonNode e : events) {
            if (Streams.isType(e, "insured.left") && entry.employerUscc().equals(Streams.text(e, "employerUscc"))
                    && "layoff".equals(Streams.text(e, "reason"))) {
                laidOff.add(e.get("personId").asText());
                headcountBefore = Math.max(headcountBefore, e.get("employerHeadcount").asInt() + 1);
                Instant t = Streams.occurredAt(e).toInstant();
                first = first == null ? t : first;
                last = t;
                assertThat(e.get("regionCode").asText()).isEqualTo(entry.regionCode());
            }
        }
        assertThat(laidOff).hasSizeGreaterThanOrEqualTo(20);
        assertThat(headcountBefore).isBetween(150, 300);
        assertThat(laidOff.size()).isGreaterThanOrEqualTo((int) Math.ceil(0.1 * headcountBefore));
        assertThat(Duration.between(first, last)).isLessThan(Duration.ofDays(7));
        long registered = events.stream().filter(e -> Streams.isType(e, "unemployment.registered")
                && laidOff.contains(e.get("personId").asText())).count();
        assertThat(registered).isGreaterThanOrEqualTo(laidOff.size() / 2);
    }

    @Test
    void unemploymentSurgeIsAboutFiveTimesTheCountysBaseline() {
        ScenarioLog.Entry entry = log.find(Scenario.UNEMPLOYMENT_SURGE).orElseThrow();
        Duration span = Duration.between(entry.from(), entry.to());
        long during = registrationsIn(entry.regionCode(), entry.from(), entry.to());
        long before = registrationsIn(entry.regionCode(), entry.from().minus(span), entry.from());
        assertThat(during).isGreaterThanOrEqualTo(20).isGreaterThanOrEqualTo(5 * Math.max(1, before));
    }

    @Test
    void pensionsArePaidAfterDeathAndTheDeathRecordsArriveLater() {
        ScenarioLog.Entry entry = log.find(Scenario.BENEFIT_AFTER_DEATH).orElseThrow();
        Map<String, JsonNode> latestPayment = new HashMap<>();
        int paidAfterDeathBeforeRecord = 0;
        for (JsonNode e : events) {
            if (Streams.isType(e, "benefit.paid") && "pension".equals(Streams.text(e, "benefitItem"))) {
                latestPayment.put(e.get("personId").asText(), e);
            }
            if (Streams.isType(e, "death.recorded")) {
                JsonNode payment = latestPayment.get(e.get("personId").asText());
                String deathMonth = e.get("recordDate").asText().substring(0, 7).replace("-", "");
                if (payment != null && payment.get("benefitMonth").asText().compareTo(deathMonth) > 0) {
                    paidAfterDeathBeforeRecord++;
                    assertThat(e.get("regionCode").asText()).startsWith(entry.regionCode().substring(0, 4));
                    assertThat(Streams.occurredAt(e).toInstant()).isBetween(entry.from(), entry.to());
                }
            }
        }
        assertThat(paidAfterDeathBeforeRecord).isEqualTo(entry.affected()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void unemploymentBenefitIsPaidForAMonthInWhichAnEmployerEnrolledThePerson() {
        ScenarioLog.Entry entry = log.find(Scenario.UI_WHILE_EMPLOYED).orElseThrow();
        Map<String, String> enrolmentMonth = new HashMap<>();
        Set<String> caught = new HashSet<>();
        for (JsonNode e : events) {
            if (Streams.isType(e, "insured.enrolled") && "employer".equals(Streams.text(e, "contributorKind"))) {
                OffsetDateTime t = Streams.occurredAt(e);
                enrolmentMonth.put(e.get("personId").asText(), String.format("%d%02d", t.getYear(), t.getMonthValue()));
            }
            if (Streams.isType(e, "benefit.paid") && "unemployment_benefit".equals(Streams.text(e, "benefitItem"))
                    && e.get("benefitMonth").asText().equals(enrolmentMonth.get(e.get("personId").asText()))) {
                caught.add(e.get("personId").asText());
                assertThat(e.get("regionCode").asText()).startsWith(entry.regionCode().substring(0, 4));
            }
        }
        assertThat(caught).hasSize(entry.affected());
        assertThat(entry.affected()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theSilentCityEmitsNothingDuringTheOutageAndResumesAfterwards() {
        ScenarioLog.Entry entry = log.find(Scenario.SOURCE_OUTAGE).orElseThrow();
        String city = entry.regionCode().substring(0, 4);
        long before = 0;
        long during = 0;
        long after = 0;
        for (JsonNode e : events) {
            if (!e.get("regionCode").asText().startsWith(city)) {
                continue;
            }
            Instant t = Streams.occurredAt(e).toInstant();
            if (t.isBefore(entry.from())) {
                before++;
            } else if (t.isBefore(entry.to())) {
                during++;
            } else {
                after++;
            }
        }
        assertThat(during).isZero();
        assertThat(before).isPositive();
        assertThat(after).isPositive();
    }

    @Test
    void fundImbalanceProvincePaysOutMoreThanItTakesInEveryMonth() {
        Instant start = OffsetDateTime.parse("2026-07-01T00:00:00+08:00").toInstant();
        SimulatorConfig config = SimulatorConfig.defaults().withStart(start).withClock(1000, 14_400)
                .withScenarios(Set.of(Scenario.FUND_IMBALANCE)).withBadInput(0, 0, 0)
                .withRunLength(Duration.ofDays(62));
        EventGenerator generator = new EventGenerator(config);
        List<JsonNode> twoMonths = Streams.valid(Streams.generateUntil(generator, start.plus(62, ChronoUnit.DAYS)));
        // The deficit covers a whole province (pension funds are pooled there): its code's first two digits.
        String province = generator.scenarioLog().find(Scenario.FUND_IMBALANCE).orElseThrow().regionCode()
                .substring(0, 2);
        for (int month : new int[] {7, 8}) {
            long[] provinceFlows = new long[2];
            long[] restFlows = new long[2];
            for (JsonNode e : twoMonths) {
                if (Streams.localDate(e).getMonthValue() != month || !"110".equals(Streams.text(e, "insuranceType"))) {
                    continue;
                }
                long[] flows = e.get("regionCode").asText().startsWith(province) ? provinceFlows : restFlows;
                if (Streams.isType(e, "contribution.paid")) {
                    flows[0] += Streams.fen(e);
                } else if (Streams.isType(e, "benefit.paid")) {
                    flows[1] += Streams.fen(e);
                }
            }
            assertThat(provinceFlows[1]).as("province outflow in month %d", month).isGreaterThan(provinceFlows[0]);
            assertThat(restFlows[0]).as("income elsewhere in month %d", month).isGreaterThan(restFlows[1]);
        }
    }

    private static long registrationsIn(String county, Instant from, Instant to) {
        return events.stream().filter(e -> Streams.isType(e, "unemployment.registered")
                && county.equals(e.get("regionCode").asText())).filter(e -> {
                    Instant t = Streams.occurredAt(e).toInstant();
                    return !t.isBefore(from) && t.isBefore(to);
                }).count();
    }
}
