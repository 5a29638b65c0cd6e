package cn.hrss.monitor.devstack.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import cn.hrss.monitor.tools.rules.PublishPlan;
import cn.hrss.monitor.warnings.rules.RuleCatalog;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 3 end to end on a running (unbounded) job fed live: a threshold published to the rules topic changes
 * mass_layoff alerting without a restart, and a city that falls silent raises data_absence, which resolves after its
 * hold period once data returns. The tests share one job and one event-time line, so they run in order.
 */
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "the input topics must hold this run's records only")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveTuningAndAbsenceEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTuningAndAbsenceEndToEndTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    private static final String MASS_LAYOFF = "mass_layoff";

    /** The laid-off employer: 1000 staff in 北京市朝阳区. */
    private static final String LAYOFF_COUNTY = "110105";
    private static final String LAYOFF_EMPLOYER = LiveRecords.uscc(LAYOFF_COUNTY, "MA01LAY01");
    /** Loses the catalog's employerPersons in the same hour: it must alert under version 1. */
    private static final String CONTROL_EMPLOYER = LiveRecords.uscc(LAYOFF_COUNTY, "MA01CTL01");
    private static final String OTHER_EMPLOYER = LiveRecords.uscc(LAYOFF_COUNTY, "MA01TCK01");
    private static final int HEADCOUNT = 1000;
    /** Below the catalog's employerPersons (20) and far below its share (10% of 1000). */
    private static final int FIRST_LAYOFFS = 12;
    private static final int LATER_LAYOFFS = 2;
    private static final int CATALOG_EMPLOYER_PERSONS = 20;
    private static final int TUNED_EMPLOYER_PERSONS = 10;

    /** The city that falls silent: 上海市黄浦区, watched as its city 310100. */
    private static final String QUIET_COUNTY = "310101";
    private static final String QUIET_CITY = "310100";

    /**
     * Event time starts a few whole hours back, so that every hour the test closes (by sending an event after it)
     * lies in the past: nothing is rejected as future_timestamp.
     */
    private static final Instant H0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(4, ChronoUnit.HOURS);

    private static LocalStack stack;
    private static MonitorConfig config;
    private static JobClient job;
    private static LiveRecords records;
    /** The latest event time sent: the tests' events never go back before it (they would be late). */
    private static Instant eventTime = H0;

    @BeforeAll
    static void startJob() throws Exception {
        Path workDir = Path.of("target", "warnings-e2e", "live").toAbsolutePath();
        stack = LocalStack.start(workDir, "hrss_live_" + System.currentTimeMillis());
        // Partitions that received nothing lately stop holding back the watermark within seconds.
        config = stack.config(Map.of("ingest.source-idle-timeout", IDLE_TIMEOUT.toSeconds() + "s"));
        job = stack.startJob(config, false);
        records = new LiveRecords(config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (records != null) {
            records.close();
        }
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (stack != null) {
            if (stack.clickHouseIsExternal()) {
                stack.clickHouse().execute("DROP DATABASE IF EXISTS " + stack.database());
            }
            stack.close();
        }
    }

    /**
     * 12 of 1000 staff leave one employer: under the catalog's thresholds (20 persons, 10%), no alert; in the same
     * hour 20 leave a control employer, which alerts under version 1 (at the threshold). The stream then pauses, as
     * live streams do. Version 2 of the rule (employerPersons 10) is published to the rules topic; when two more leave
     * the first employer an hour later and that hour closes, the running job raises a yellow alert for it at 14 that
     * records rule version 2 — its only transition.
     */
    @Test
    @Order(1)
    void aPublishedThresholdChangesMassLayoffAlertingWithoutARestart() throws Exception {
        assertThat(catalogRule(MASS_LAYOFF).integer("employerPersons")).isEqualTo(CATALOG_EMPLOYER_PERSONS);
        long t0 = System.nanoTime();
        for (int i = 1; i <= FIRST_LAYOFFS; i++) {
            records.insuredLeft(at(Duration.ofMinutes(10 + i)), LAYOFF_COUNTY, LAYOFF_EMPLOYER, HEADCOUNT, person(i));
        }
        for (int i = 1; i <= CATALOG_EMPLOYER_PERSONS; i++) {
            records.insuredLeft(at(Duration.ofMinutes(30 + i)), LAYOFF_COUNTY, CONTROL_EMPLOYER, HEADCOUNT,
                    person(200 + i));
        }
        // A live stream pauses for longer than the idle timeout, so every partition goes idle. Event time stands still
        // meanwhile: what the detectors know (the employers' headcounts) must survive the pause.
        Thread.sleep(3 * IDLE_TIMEOUT.toMillis());
        closeHourWithEventAt(Duration.ofMinutes(70));
        // The control's alert has come through the detector, lifecycle and sink: so has the verdict on the same hour's
        // row of the first employer, which must be quiet.
        StoredAlert control = Polling.await("the control employer's mass_layoff alert under v1", TIMEOUT,
                () -> alertsFor(CONTROL_EMPLOYER).stream().findFirst());
        assertThat(control.ruleVersion()).as(control.describe()).isEqualTo(1);
        assertThat(AlertContent.evidence(control).path("departures").asText())
                .isEqualTo(String.valueOf(CATALOG_EMPLOYER_PERSONS));
        assertThat(rollingDepartures()).as("distinct persons who left " + LAYOFF_EMPLOYER).isEqualTo(FIRST_LAYOFFS);
        Thread.sleep(2000);
        assertThat(alertsFor(LAYOFF_EMPLOYER)).as("mass_layoff alerts at %d of %d under the catalog's thresholds",
                FIRST_LAYOFFS, HEADCOUNT).isEmpty();
        LOG.info("{} departures graded quietly, the control's {} alerted, after {} s", FIRST_LAYOFFS,
                CATALOG_EMPLOYER_PERSONS, Polling.secondsSince(t0));

        publish(tunedMassLayoffRule());
        Thread.sleep(3000); // the rules source reads the topic continuously: the update reaches every operator
        for (int i = 1; i <= LATER_LAYOFFS; i++) {
            records.insuredLeft(at(Duration.ofMinutes(75 + 5 * i)), LAYOFF_COUNTY, LAYOFF_EMPLOYER, HEADCOUNT,
                    person(FIRST_LAYOFFS + i));
        }
        closeHourWithEventAt(Duration.ofMinutes(130));
        StoredAlert alert = Polling.await("a mass_layoff alert for " + LAYOFF_EMPLOYER, TIMEOUT,
                () -> alertsFor(LAYOFF_EMPLOYER).stream().findFirst());
        LOG.info("mass_layoff alert after {} s: {}", Polling.secondsSince(t0), alert.describe());

        JsonNode evidence = AlertContent.evidence(alert);
        assertThat(alert.ruleVersion()).as(alert.describe()).isEqualTo(2);
        assertThat(alert.status()).isEqualTo("FIRING");
        assertThat(alert.severity()).isEqualTo("yellow");
        assertThat(alert.scopeKey()).isEqualTo(LAYOFF_EMPLOYER);
        assertThat(alert.regionCode()).isEqualTo(LAYOFF_COUNTY);
        // v2 applies from the employer's next evaluation: that may be the headcount reported with the later
        // departures (12 departed then) or the next hour's rolling row (14); either is at or above the new threshold.
        assertThat(Integer.parseInt(evidence.path("departures").asText()))
                .as("departures when the alert fired (%s); the employer's rolling rows: %s", alert.describe(),
                        departureRows())
                .isBetween(FIRST_LAYOFFS, FIRST_LAYOFFS + LATER_LAYOFFS)
                .isGreaterThanOrEqualTo(TUNED_EMPLOYER_PERSONS);
        assertThat(evidence.path("thresholds").asText()).contains("employerPersons=" + TUNED_EMPLOYER_PERSONS);
        assertThat(AlertContent.problems(alert)).isEmpty();
        // Its first transition is the v2 one: nothing fired at 12 under v1, not even briefly.
        assertThat(stack.clickHouse().queryTsv("SELECT alert_id, sequence, transition, rule_version FROM "
                + stack.table("alert_events") + " FINAL WHERE rule_id = '" + MASS_LAYOFF + "' AND employer_uscc = '"
                + LAYOFF_EMPLOYER + "' ORDER BY sequence")).extracting(r -> String.join(" ", r))
                .containsExactly(alert.alertId() + " 1 FIRING 2");
        assertThat(job.getJobStatus().get(30, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
    }

    /**
     * A city sends for a few seconds, then nothing: once the silence exceeds the rule's expected gap, data_absence
     * fires for the city. Data returns: after the hold period the same alert resolves, in ClickHouse and on the
     * alerts topic.
     */
    @Test
    @Order(2)
    void aSilentCityRaisesDataAbsenceThatResolvesWhenDataReturns() throws Exception {
        RuleDefinition rule = catalogRule("data_absence");
        long expectedGap = rule.duration("expectedGap").toMillis();
        for (int i = 0; i < 5; i++) {
            heartbeat();
            Thread.sleep(1000);
        }
        heartbeat();
        long silentFrom = System.currentTimeMillis();

        StoredAlert firing = Polling.await("data_absence FIRING for " + QUIET_CITY, TIMEOUT,
                () -> absenceAlerts("FIRING").stream().findFirst());
        LOG.info("data_absence fired {} s after the last record: {}", (System.currentTimeMillis() - silentFrom) / 1000,
                firing.describe());
        // The detector refreshes arrivals every checkEvery / 2, so it may count the silence from up to that much
        // earlier; the one-second precision of starts_at takes another second.
        long tolerance = rule.duration("checkEvery").toMillis() / 2 + 1000;
        assertThat(firing.startsAt() * 1000).as("fired after the expected gap of silence")
                .isGreaterThanOrEqualTo(silentFrom + expectedGap - tolerance);
        assertThat(firing.severity()).isEqualTo("orange");
        assertThat(firing.scopeKey()).isEqualTo(QUIET_CITY);
        assertThat(AlertContent.problems(firing)).isEmpty();

        long resumedAt = System.currentTimeMillis();
        StoredAlert resolved = Polling.await("data_absence RESOLVED for " + QUIET_CITY, TIMEOUT, () -> {
            heartbeat(); // the city keeps sending while the hold period runs
            return StoredAlert.read(stack.clickHouse(), stack.database(),
                    "alert_id = '" + firing.alertId() + "' AND status = 'RESOLVED'").stream().findFirst();
        });
        LOG.info("data_absence resolved {} s after data returned", (System.currentTimeMillis() - resumedAt) / 1000);
        assertThat(resolved.endsAt() * 1000).as("resolved once data had flowed for the hold period")
                .isGreaterThanOrEqualTo(resumedAt + rule.holdMillis - 1000);
        assertThat(transitionsOnAlertsTopic(firing.alertId())).containsExactly("FIRING", "RESOLVED");
    }

    private static void closeHourWithEventAt(Duration sinceH0) throws Exception {
        // An event past the hour's end plus the out-of-orderness moves the watermark over the hour.
        records.employmentRegistered(at(sinceH0), LAYOFF_COUNTY, OTHER_EMPLOYER, person(100 + (int) sinceH0.toMinutes()));
    }

    private static void heartbeat() throws Exception {
        records.employmentRegistered(eventTime, QUIET_COUNTY, OTHER_EMPLOYER, LiveRecords.citizenId(QUIET_COUNTY,
                "19900101", 1));
    }

    private static Instant at(Duration sinceH0) {
        Instant t = H0.plus(sinceH0);
        assertThat(t).as("event time must not go back").isAfterOrEqualTo(eventTime);
        eventTime = t;
        return t;
    }

    private static String person(int n) {
        return LiveRecords.citizenId(LAYOFF_COUNTY, "19850101", n);
    }

    private static long rollingDepartures() throws Exception {
        List<String[]> rows = stack.clickHouse().queryTsv("SELECT toUInt32(value) FROM " + stack.table("indicators")
                + " FINAL WHERE indicator = 'employer_departures' AND period = 'rolling_30d' AND subject = '"
                + LAYOFF_EMPLOYER + "' ORDER BY window_end DESC, version DESC LIMIT 1");
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0)[0]);
    }

    /** Every rolling 30-day row written for the employer, for failure messages. */
    private static List<String> departureRows() throws Exception {
        return stack.clickHouse().queryTsv("SELECT window_start, window_end, as_of, version, value, written_at FROM "
                + stack.table("indicators") + " WHERE indicator = 'employer_departures' AND period = 'rolling_30d'"
                + " AND subject = '" + LAYOFF_EMPLOYER + "' ORDER BY written_at, version").stream()
                .map(r -> String.join(" ", r)).toList();
    }

    private static List<StoredAlert> alertsFor(String employerUscc) throws Exception {
        return StoredAlert.read(stack.clickHouse(), stack.database(),
                "rule_id = '" + MASS_LAYOFF + "' AND employer_uscc = '" + employerUscc + "'");
    }

    private static List<StoredAlert> absenceAlerts(String status) throws Exception {
        return StoredAlert.read(stack.clickHouse(), stack.database(), "rule_id = '" + StoredAlert.DATA_ABSENCE
                + "' AND region_code = '" + QUIET_CITY + "' AND status = '" + status + "'");
    }

    private static RuleDefinition catalogRule(String id) {
        return RuleCatalog.loadFrom(config.rulesDir()).stream().filter(r -> r.id.equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + id + " in the catalog"));
    }

    /**
     * The catalog's mass_layoff file as an operator would edit it (version 2, employerPersons 10), planned for
     * publication the way {@code rules publish} does it, against version 1 as deployed: a live-tunable change.
     */
    private static RuleDefinition tunedMassLayoffRule() throws Exception {
        String yaml = Files.readString(AlertContent.repositoryRoot().resolve("alerts/rules/mass_layoff.yaml"));
        String edited = yaml.replaceFirst("(?m)^version: 1$", "version: 2")
                .replaceFirst("(?m)^(\\s+employerPersons:) 20\\b", "$1 " + TUNED_EMPLOYER_PERSONS);
        RuleDefinition tuned = RuleCatalog.parse(edited, "alerts/rules/mass_layoff.yaml (edited by the test)");
        assertThat(tuned.version).isEqualTo(2);
        assertThat(tuned.integer("employerPersons")).isEqualTo(TUNED_EMPLOYER_PERSONS);

        PublishPlan plan = PublishPlan.of(List.of(tuned), Map.of(MASS_LAYOFF, catalogRule(MASS_LAYOFF)));

        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.toPublish()).containsExactly(tuned);
        return tuned;
    }

    /** What {@code rules publish} writes: the rule as JSON, keyed by its id, on the compacted rules topic. */
    private static void publish(RuleDefinition rule) throws Exception {
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(KafkaEventProducer.producerProperties(config.kafka().bootstrapServers()))) {
            producer.send(new ProducerRecord<>(config.kafka().rulesTopic(), rule.id, RuleJson.toJson(rule))).get();
        }
    }

    /** @return the transitions of {@code alertId} on the alerts topic, in order (records are keyed by alert id) */
    private static List<String> transitionsOnAlertsTopic(String alertId) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-alerts-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        ObjectMapper json = new ObjectMapper();
        List<String> transitions = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(config.kafka().alertsTopic()));
            Polling.await("FIRING and RESOLVED of " + alertId + " on " + config.kafka().alertsTopic(), Duration.ofSeconds(60),
                    () -> {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                            if (alertId.equals(r.key())) {
                                transitions.add(json.readTree(r.value()).path("transition").asText());
                            }
                        }
                        return transitions.contains("RESOLVED") ? Optional.of(true) : Optional.empty();
                    });
        }
        return transitions;
    }
}
