package cn.hrss.monitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.simulator.config.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Five simulated weeks of normal activity (no scenarios, no bad input) from the start of July. */
class RealismTest {
    private static final Instant START = OffsetDateTime.parse("2026-07-01T00:00:00+08:00").toInstant();
    private static List<JsonNode> events;

    @BeforeAll
    static void generate() {
        SimulatorConfig config = SimulatorConfig.defaults().withStart(START).withClock(1000, 7200)
                .withScenarios(Set.of()).withBadInput(0, 0, 0);
        events = Streams.valid(Streams.generateUntil(new EventGenerator(config), START.plus(35, ChronoUnit.DAYS)));
    }

    @Test
    void mostActivityIsInOfficeHoursOnWeekdays() {
        long office = events.stream().filter(e -> {
            OffsetDateTime t = Streams.occurredAt(e);
            boolean weekday = t.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
            LocalTime time = t.toLocalTime();
            return weekday && !time.isBefore(LocalTime.of(8, 30)) && time.isBefore(LocalTime.of(17, 30));
        }).count();
        long night = events.stream().filter(e -> Streams.occurredAt(e).getHour() < 6).count();
        assertThat((double) office / events.size()).isGreaterThan(0.75);
        assertThat((double) night / events.size()).isLessThan(0.03);
    }

    @Test
    void pensionsPeakOnPayoutDaysAndContributionsInTheFirstHalfOfTheMonth() {
        Map<LocalDate, Integer> pensions = perDay("benefit.paid", "pension");
        Map<LocalDate, Integer> contributions = perDay("contribution.paid", null);
        assertThat(averageOverWeekdays(pensions, 10, 15)).isGreaterThan(5 * averageOverWeekdays(pensions, 18, 28));
        assertThat(averageOverWeekdays(contributions, 1, 15))
                .isGreaterThan(3 * averageOverWeekdays(contributions, 18, 28));
    }

    @Test
    void graduatesRegisterInJulyAndAreYoung() {
        int julyGraduates = 0;
        int julyRegistrations = 0;
        for (JsonNode e : events) {
            if (Streams.isType(e, "unemployment.registered") && Streams.localDate(e).getMonthValue() == 7) {
                julyRegistrations++;
                if ("graduate".equals(Streams.text(e, "reason"))) {
                    julyGraduates++;
                    int birthYear = Integer.parseInt(e.get("personId").asText().substring(6, 10));
                    assertThat(2026 - birthYear).isBetween(18, 25);
                }
            }
        }
        assertThat((double) julyGraduates / julyRegistrations).isGreaterThan(0.3);
    }

    @Test
    void allSixFamiliesAppearEverySimulatedDay() {
        Map<LocalDate, Set<String>> families = new TreeMap<>();
        LocalDate end = LocalDate.of(2026, 8, 5);
        for (JsonNode e : events) {
            if (!Streams.localDate(e).isBefore(end)) {
                continue;
            }
            String type = e.get("type").asText();
            String family = type.startsWith("imprisonment") ? "death" : type.substring(0, type.indexOf('.'));
            families.computeIfAbsent(Streams.localDate(e), d -> new HashSet<>()).add(family);
        }
        assertThat(families).hasSize(35);
        families.forEach((day, seen) -> assertThat(seen).as(day.toString())
                .containsExactlyInAnyOrder("employment", "unemployment", "insured", "contribution", "benefit", "death"));
    }

    @Test
    void benefitsMatchTheirInsuranceTypeAndAmountsArePlausible() {
        Set<String> paidPerMonth = new HashSet<>();
        for (JsonNode e : events) {
            if (Streams.isType(e, "benefit.paid")) {
                String type = e.get("insuranceType").asText();
                String item = e.get("benefitItem").asText();
                long fen = Streams.fen(e);
                switch (type) {
                    case "110", "170" -> assertThat(fen).isBetween(200_000L, 600_000L);
                    case "120" -> assertThat(fen).isBetween(10_000L, 100_000L);
                    case "210" -> assertThat(fen).isBetween(150_000L, 250_000L);
                    case "410" -> assertThat(fen).isBetween(100_000L, 500_000L);
                    default -> throw new AssertionError(type);
                }
                assertThat(item).isEqualTo(switch (type) {
                    case "210" -> "unemployment_benefit";
                    case "410" -> "injury_benefit";
                    default -> "pension";
                });
                // Nobody is paid twice for the same month (that would be a duplicate-pension alert).
                assertThat(paidPerMonth.add(e.get("personId").asText() + item + e.get("benefitMonth").asText()))
                        .as(e.toString()).isTrue();
            }
            if (Streams.isType(e, "contribution.paid") && e.has("personId") && "110".equals(Streams.text(e, "insuranceType"))
                    && "employer".equals(Streams.text(e, "contributorKind"))) {
                assertThat(Streams.fen(e)).isBetween(80_000L, 240_000L);
            }
        }
    }

    @Test
    void nationalPensionIncomeCoversOutflow() {
        long income = 0;
        long outflow = 0;
        for (JsonNode e : events) {
            if (Streams.localDate(e).getMonthValue() != 7 || !"110".equals(Streams.text(e, "insuranceType"))) {
                continue;
            }
            if (Streams.isType(e, "contribution.paid")) {
                income += Streams.fen(e);
            } else if (Streams.isType(e, "benefit.paid")) {
                outflow += Streams.fen(e);
            }
        }
        assertThat(outflow).isPositive();
        assertThat(income).isGreaterThanOrEqualTo(outflow);
    }

    @Test
    void withoutScenariosNobodyIsPaidAfterDeathOrWhileEnrolledByAnEmployer() {
        Map<String, Integer> deathMonth = new HashMap<>();
        Map<String, Set<Integer>> employerEnrolmentMonths = new HashMap<>();
        for (JsonNode e : events) {
            if (Streams.isType(e, "death.recorded")) {
                String date = e.get("recordDate").asText();
                deathMonth.put(e.get("personId").asText(),
                        Integer.parseInt(date.substring(0, 4) + date.substring(5, 7)));
            }
            if (Streams.isType(e, "insured.enrolled") && "employer".equals(Streams.text(e, "contributorKind"))) {
                LocalDate d = Streams.localDate(e);
                employerEnrolmentMonths.computeIfAbsent(e.get("personId").asText(), k -> new HashSet<>())
                        .add(d.getYear() * 100 + d.getMonthValue());
            }
        }
        assertThat(deathMonth).hasSizeGreaterThan(50);
        for (JsonNode e : events) {
            if (!Streams.isType(e, "benefit.paid")) {
                continue;
            }
            String person = e.get("personId").asText();
            int month = e.get("benefitMonth").asInt();
            if (deathMonth.containsKey(person)) {
                assertThat(month).as("paid after death").isLessThanOrEqualTo(deathMonth.get(person));
            }
            if ("unemployment_benefit".equals(e.get("benefitItem").asText())) {
                assertThat(employerEnrolmentMonths.getOrDefault(person, Set.of())).doesNotContain(month);
            }
        }
    }

    private static Map<LocalDate, Integer> perDay(String type, String benefitItem) {
        Map<LocalDate, Integer> counts = new HashMap<>();
        for (JsonNode e : events) {
            if (Streams.isType(e, type) && (benefitItem == null || benefitItem.equals(Streams.text(e, "benefitItem")))) {
                counts.merge(Streams.localDate(e), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Average count per weekday of July between the two days of the month (inclusive). */
    private static double averageOverWeekdays(Map<LocalDate, Integer> counts, int fromDay, int toDay) {
        int days = 0;
        long total = 0;
        for (int d = fromDay; d <= toDay; d++) {
            LocalDate date = LocalDate.of(2026, 7, d);
            if (date.getDayOfWeek().getValue() <= 5) {
                days++;
                total += counts.getOrDefault(date, 0);
            }
        }
        return (double) total / days;
    }
}
