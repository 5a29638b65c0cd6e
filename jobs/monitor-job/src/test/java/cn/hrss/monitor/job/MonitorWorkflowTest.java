package cn.hrss.monitor.job;

import static cn.hrss.monitor.testing.TestEvents.benefitPaid;
import static cn.hrss.monitor.testing.TestEvents.contributionPaid;
import static cn.hrss.monitor.testing.TestEvents.employmentRegistered;
import static cn.hrss.monitor.testing.TestEvents.insuredLeft;
import static cn.hrss.monitor.testing.TestEvents.unemploymentDeregistered;
import static cn.hrss.monitor.testing.TestEvents.unemploymentRegistered;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.ingest.RejectedRecord;
import cn.hrss.monitor.reference.ReferenceData;
import cn.hrss.monitor.testing.BoundedSources;
import cn.hrss.monitor.testing.CollectingSinks;
import cn.hrss.monitor.testing.LatestRows;
import cn.hrss.monitor.testing.TestEvents;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole workflow on a MiniCluster, with records whose every consequence is worked out by hand. */
class MonitorWorkflowTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final MonitorConfig CONFIG = MonitorConfig.load(Path.of("../../conf/app.properties"));
    private static final String CHAOYANG = "110105";
    private static final String HAIDIAN = "110108";

    private static long at(String isoLocal) {
        return OffsetDateTime.parse(isoLocal + "+08:00").toInstant().toEpochMilli();
    }

    private static CollectingSinks run(List<String> payloads) throws Exception {
        return run(payloads, 2);
    }

    /** Parallelism 1 keeps records and watermarks in one order end to end, for tests about what is late. */
    private static CollectingSinks run(List<String> payloads, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        MonitorJob.configure(env, CONFIG);
        env.setParallelism(parallelism);
        Configuration failFast = new Configuration();
        failFast.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(failFast);
        CollectingSinks sinks = new CollectingSinks();
        MonitorJob.defineWorkflow(env, new BoundedSources(payloads, CONFIG.ingest().maxOutOfOrderness()), sinks, CONFIG);
        env.execute("workflow-test");
        return sinks;
    }

    @Test
    void everyRecordIsAcceptedOrRejectedWithItsReason() throws Exception {
        List<String> in = new ArrayList<>();
        String first = employmentRegistered("dup-1", "2026-06-01T09:00:00+08:00", CHAOYANG, 1);
        in.add(first);
        in.add(first); // exact re-send
        in.add("{\"eventId\":\"x\",");
        in.add(employmentRegistered("bad-region", "2026-06-01T09:01:00+08:00", "999999", 2));
        in.add(unemploymentRegistered("later", "2026-06-01T14:00:00+08:00", CHAOYANG, 3));
        in.add(unemploymentRegistered("too-late", "2026-06-01T09:30:00+08:00", CHAOYANG, 4)); // 4.5 h behind > 2 h

        CollectingSinks out = run(in, 1);

        Map<String, Long> reasons = out.rejected().stream()
                .collect(Collectors.groupingBy(r -> r.reason, Collectors.counting()));
        assertThat(reasons).containsOnly(
                Map.entry("duplicate_event", 1L), Map.entry("malformed_json", 1L),
                Map.entry("invalid_region_code", 1L), Map.entry("too_late", 1L));
        assertThat(out.events()).extracting(e -> e.eventId).containsExactlyInAnyOrder("dup-1", "later");
        assertThat(out.events().size() + out.rejected().size()).isEqualTo(in.size());
        for (RejectedRecord r : out.rejected()) {
            assertThat(r.topic).isEqualTo("test.events");
            assertThat(r.detail).isNotBlank();
        }
    }

    @Test
    void flowsAreSummedExactlyAtEveryRegionLevelAndWindow() throws Exception {
        List<String> in = List.of(
                contributionPaid(TestEvents.nextId(), "2026-06-01T09:10:00+08:00", CHAOYANG, "110", "1000.10"),
                contributionPaid(TestEvents.nextId(), "2026-06-01T09:20:00+08:00", HAIDIAN, "110", "0.01"),
                benefitPaid(TestEvents.nextId(), "2026-06-01T09:30:00+08:00", CHAOYANG, 7, "110", "pension", "300.05"),
                contributionPaid(TestEvents.nextId(), "2026-06-01T10:15:00+08:00", CHAOYANG, "110", "0.20"),
                employmentRegistered(TestEvents.nextId(), "2026-06-01T09:40:00+08:00", CHAOYANG, 8),
                employmentRegistered(TestEvents.nextId(), "2026-06-02T08:00:00+08:00", HAIDIAN, 9));

        LatestRows rows = new LatestRows(run(in).indicators());

        long hour9 = at("2026-06-01T09:00:00");
        assertThat(rows.value("fund_income", "hour", CHAOYANG, "110", hour9)).isEqualByComparingTo("1000.10");
        assertThat(rows.value("fund_income", "hour", "110100", "110", hour9)).isEqualByComparingTo("1000.11");
        assertThat(rows.value("fund_income", "hour", "100000", "110", hour9)).isEqualByComparingTo("1000.11");
        assertThat(rows.value("fund_outflow", "hour", "110000", "110", hour9)).isEqualByComparingTo("300.05");
        assertThat(rows.value("fund_balance", "hour", "110000", "110", hour9)).isEqualByComparingTo("700.06");
        assertThat(rows.value("fund_income_outflow_ratio", "hour", "110000", "110", hour9))
                .isEqualByComparingTo("3.3331"); // 1000.11 / 300.05, half-up at 4 decimals

        long day = at("2026-06-01T00:00:00");
        assertThat(rows.value("fund_income", "day", "110000", "110", day)).isEqualByComparingTo("1000.31");
        assertThat(rows.value("employment_registrations", "day", "100000", "", day)).isEqualByComparingTo("1");
        long month = at("2026-06-01T00:00:00");
        assertThat(rows.value("employment_registrations", "month", "110000", "", month)).isEqualByComparingTo("2");
        assertThat(rows.value("fund_income", "year", "100000", "110", at("2026-01-01T00:00:00")))
                .isEqualByComparingTo("1000.31");
        // Rolling 24 h ending at 10:00 holds 09:xx only, the one ending at 11:00 adds 10:xx; nothing changes again
        // until the 09:xx hour leaves at 10:00 next day. The 30-day window of 1 June ends the day holding everything;
        // 2 June shows the same value, so it has no row of its own.
        assertThat(rows.value("fund_income", "rolling_24h", CHAOYANG, "110", at("2026-05-31T10:00:00")))
                .isEqualByComparingTo("1000.10");
        assertThat(rows.value("fund_income", "rolling_24h", CHAOYANG, "110", at("2026-05-31T11:00:00")))
                .isEqualByComparingTo("1000.30");
        assertThat(rows.value("fund_income", "rolling_24h", CHAOYANG, "110", at("2026-06-01T10:00:00")))
                .isEqualByComparingTo("0.20");
        assertThat(rows.value("fund_income", "rolling_30d", "100000", "110", at("2026-05-03T00:00:00")))
                .isEqualByComparingTo("1000.31");
        assertThat(rows.value("fund_income", "rolling_30d", "100000", "110", at("2026-05-04T00:00:00"))).isNull();
    }

    @Test
    void aLateEventCorrectsItsWindowsOnceAndReplacesTheRows() throws Exception {
        List<String> in = List.of(
                contributionPaid("a", "2026-06-01T10:10:00+08:00", CHAOYANG, "110", "10.00"),
                contributionPaid("b", "2026-06-01T12:30:00+08:00", CHAOYANG, "110", "1.00"), // hour 10 fires
                contributionPaid("late", "2026-06-01T10:40:00+08:00", CHAOYANG, "110", "5.00"), // within 2 h
                contributionPaid("c", "2026-06-01T13:30:00+08:00", CHAOYANG, "110", "1.00"));

        CollectingSinks out = run(in, 1);
        LatestRows rows = new LatestRows(out.indicators());

        long hour10 = at("2026-06-01T10:00:00");
        // Whether the hour had fired before the late event reached it depends on how watermarks of the two inputs
        // of the hourly windows interleave; either way the latest row counts it once (IndicatorWindowsTest pins the
        // re-firing itself down).
        IndicatorRow corrected = rows.row("fund_income", "hour", CHAOYANG, "110", hour10);
        assertThat(corrected.value).isEqualByComparingTo("15.00");
        assertThat(rows.value("fund_income", "day", CHAOYANG, "110", at("2026-06-01T00:00:00")))
                .isEqualByComparingTo("17.00");
        assertThat(rows.value("fund_income", "month", "100000", "110", at("2026-06-01T00:00:00")))
                .isEqualByComparingTo("17.00");
        assertThat(out.rejected()).isEmpty();
    }

    @Test
    void stocksStartFromReferenceDataAndRecipientsAreDistinct() throws Exception {
        List<String> in = List.of(
                unemploymentRegistered(TestEvents.nextId(), "2026-06-01T09:00:00+08:00", CHAOYANG, 1),
                unemploymentRegistered(TestEvents.nextId(), "2026-06-01T09:05:00+08:00", CHAOYANG, 2),
                unemploymentDeregistered(TestEvents.nextId(), "2026-06-01T09:10:00+08:00", CHAOYANG, 3),
                benefitPaid(TestEvents.nextId(), "2026-06-03T09:00:00+08:00", CHAOYANG, 5, "210",
                        "unemployment_benefit", "1800.00"),
                benefitPaid(TestEvents.nextId(), "2026-06-20T09:00:00+08:00", CHAOYANG, 5, "210",
                        "unemployment_benefit", "1800.00"),
                benefitPaid(TestEvents.nextId(), "2026-06-21T09:00:00+08:00", HAIDIAN, 6, "210",
                        "unemployment_benefit", "1800.00"));

        LatestRows rows = new LatestRows(run(in).indicators());
        ReferenceData reference = ReferenceData.loadDefault();
        long june = at("2026-06-01T00:00:00");

        assertThat(rows.value("registered_unemployed", "month", CHAOYANG, "", june))
                .isEqualByComparingTo(BigDecimal.valueOf(reference.openingUnemployed(CHAOYANG) + 1));
        assertThat(rows.value("registered_unemployed", "month", "100000", "", june))
                .isEqualByComparingTo(BigDecimal.valueOf(reference.openingUnemployed("100000") + 1));
        assertThat(rows.value("registered_unemployment_rate", "month", CHAOYANG, "", june)).isNotNull();
        assertThat(rows.value("unemployment_benefit_recipients", "month", CHAOYANG, "210", june))
                .isEqualByComparingTo("1");
        assertThat(rows.value("unemployment_benefit_recipients", "month", "110000", "210", june))
                .isEqualByComparingTo("2");
        BigDecimal expectedBalance = reference.openingBalance("110000", "210").subtract(new BigDecimal("5400.00"));
        assertThat(rows.value("fund_cumulative_balance", "month", "110000", "210", june))
                .isEqualByComparingTo(expectedBalance);
        assertThat(rows.value("fund_months_payable", "month", "110000", "210", june)).isPositive();
    }

    @Test
    void employerDeparturesCountPersonsNotRecords() throws Exception {
        List<String> in = new ArrayList<>();
        for (int person = 0; person < 3; person++) {
            for (String insurance : List.of("110", "210", "410")) { // one departure is reported per insurance type
                in.add(insuredLeft(TestEvents.nextId(), "2026-06-0" + (person + 1) + "T10:00:00+08:00", CHAOYANG,
                        person, 42, insurance));
            }
        }
        in.add(insuredLeft(TestEvents.nextId(), "2026-06-03T11:00:00+08:00", CHAOYANG, 9, 43, "110"));

        LatestRows rows = new LatestRows(run(in).indicators());
        String employer = TestEvents.uscc(42);
        IndicatorRow thirtyDays = rows.row("employer_departures", "rolling_30d", CHAOYANG, "",
                at("2026-05-05T00:00:00"), employer);
        assertThat(thirtyDays.value).isEqualByComparingTo("3");
        assertThat(rows.row("employer_departures", "month", CHAOYANG, "", at("2026-06-01T00:00:00"),
                TestEvents.uscc(43)).value).isEqualByComparingTo("1");
        // Departure records still count as 减员 person-times per insurance type at the regional level.
        assertThat(rows.value("insured_departures", "month", "110000", "110", at("2026-06-01T00:00:00")))
                .isEqualByComparingTo("4");
    }
}
