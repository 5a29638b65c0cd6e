package cn.hrss.monitor.sinks.alertmanager;

import cn.hrss.monitor.config.Secret;
import cn.hrss.monitor.config.AlertmanagerSettings;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.warnings.lifecycle.AlertStatus;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import cn.hrss.monitor.warnings.lifecycle.Transition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.util.function.ThrowingRunnable;
import org.junit.jupiter.api.Test;

class AlertmanagerSinkWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertmanagerSettings SETTINGS = new AlertmanagerSettings(
            List.of(URI.create("http://am-1:9093")), Duration.ofSeconds(60), Duration.ofSeconds(8),
            Duration.ofHours(1), "https://git.example/hrss/", "http://grafana.example/d/hrss-duty-console",
            null, new Secret("HRSS_ALERTMANAGER_PASSWORD", null));
    private static final long T0 = Instant.parse("2026-07-01T02:00:00Z").toEpochMilli();

    /** One request the writer made; the test answers it. */
    private record Request(URI uri, JsonNode alerts, CompletableFuture<AlertmanagerTransport.Reply> reply) {
        void accept() {
            reply.complete(new AlertmanagerTransport.Reply(200, ""));
        }

        void refuse() {
            reply.completeExceptionally(new ConnectException("Connection refused"));
        }

        JsonNode only() {
            assertThat(alerts.size()).isEqualTo(1);
            return alerts.get(0);
        }
    }

    /** The task's mailbox: replies queue here and run when the test (or a yielding flush) lets them. */
    private static final class Mailbox implements MailboxExecutor {
        final Queue<ThrowingRunnable<? extends Exception>> mails = new ArrayDeque<>();

        @Override
        public void execute(MailOptions options, ThrowingRunnable<? extends Exception> command, String format,
                Object... args) {
            mails.add(command);
        }

        @Override
        public void yield() throws InterruptedException {
            tryYield();
        }

        @Override
        public boolean tryYield() {
            ThrowingRunnable<? extends Exception> mail = mails.poll();
            if (mail == null) {
                return false;
            }
            try {
                mail.run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return true;
        }

        void runAll() {
            while (tryYield()) {
                // each mail may queue more
            }
        }

        @Override
        public boolean shouldInterrupt() {
            return false;
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final Mailbox mailbox = new Mailbox();
    private final TestProcessingTimeService timers = new TestProcessingTimeService();
    private long now = T0;

    private AlertmanagerSinkWriter writer(AlertmanagerSettings settings, List<NoticeState> restored)
            throws Exception {
        timers.setCurrentTime(now);
        return new AlertmanagerSinkWriter(settings, restored, (uri, body) -> {
            CompletableFuture<AlertmanagerTransport.Reply> reply = new CompletableFuture<>();
            try {
                requests.add(new Request(uri, JSON.readTree(body), reply));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return reply;
        }, mailbox, timers, UnregisteredMetricsGroup.createSinkWriterMetricGroup(), () -> now);
    }

    private void advance(Duration d) throws Exception {
        now += d.toMillis();
        timers.setCurrentTime(now);
        mailbox.runAll();
    }

    private Request last() {
        return requests.get(requests.size() - 1);
    }

    private static AlertTransition transition(String alertId, long sequence, Transition kind, String severity) {
        AlertTransition t = new AlertTransition();
        t.alertId = alertId;
        t.ruleId = "fund_months_payable";
        t.kind = "fund_months_payable";
        t.transition = kind;
        t.status = kind == Transition.RESOLVED ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        t.severity = severity;
        t.regionCode = "110000";
        t.insuranceType = "110";
        t.scopeKey = "110000|110";
        t.title = "北京市企业职工基本养老保险基金可支付月数偏低";
        t.summary = "可支付月数 5.2 个月";
        t.evidence = "{}";
        t.runbook = "alerts/runbooks/fund_months_payable.md";
        t.labels = "{\"alertname\":\"fund_months_payable\",\"severity\":\"" + severity
                + "\",\"region\":\"110000\",\"insurance_type\":\"110\",\"alert_id\":\"" + alertId + "\"}";
        t.startsAt = T0 - 3_600_000;
        t.updatedAt = T0 - 60_000;
        t.endsAt = kind == Transition.RESOLVED ? T0 - 60_000 : 0;
        t.sequence = sequence;
        return t;
    }

    @Test
    void aFiringAlertIsPostedWithItsLabelsLinksAndAnEndFourResendIntervalsAhead() throws Exception {
        AlertmanagerSinkWriter writer = writer(SETTINGS, List.of());
        writer.write(transition("a1", 1, Transition.FIRING, "orange"), null);

        assertThat(requests).hasSize(1);
        assertThat(last().uri()).isEqualTo(URI.create("http://am-1:9093/api/v2/alerts"));
        JsonNode alert = last().only();
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo("fund_months_payable");
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("orange");
        assertThat(alert.at("/labels/alert_id").asText()).isEqualTo("a1");
        assertThat(alert.at("/annotations/summary").asText()).contains("可支付月数偏低");
        assertThat(alert.at("/annotations/runbook_url").asText())
                .isEqualTo("https://git.example/hrss/alerts/runbooks/fund_months_payable.md");
        assertThat(alert.at("/annotations/dashboard_url").asText()).isEqualTo(SETTINGS.dashboardUrl());
        assertThat(Instant.parse(alert.get("startsAt").asText()).toEpochMilli())
                .as("it starts when it began to fire, not when its episode began a hold period earlier")
                .isEqualTo(T0 - 60_000);
        assertThat(Instant.parse(alert.get("endsAt").asText()).toEpochMilli()).isEqualTo(T0 + 240_000);
    }

    @Test
    void aFiringAlertIsResentEveryIntervalAndNotBefore() throws Exception {
        AlertmanagerSinkWriter writer = writer(SETTINGS, List.of());
        writer.write(transition("a1", 1, Transition.FIRING, "red"), null);
        last().accept();
        mailbox.runAll();
        advance(Duration.ofSeconds(30));
        assertThat(requests).hasSize(1);

        advance(Duration.ofSeconds(31));
        assertThat(requests).hasSize(2);
        assertThat(Instant.parse(last().only().get("endsAt").asText()).toEpochMilli())
                .isEqualTo(now + 240_000);
    }

    @Test
    void aResolvedAlertIsPostedWithItsEndAndThenForgotten() throws Exception {
        AlertmanagerSinkWriter writer = writer(SETTINGS, List.of());
        writer.write(transition("a1", 1, Transition.FIRING, "yellow"), null);
        last().accept();
        mailbox.runAll();
        writer.write(transition("a1", 2, Transition.RESOLVED, "yellow"), null);

        assertThat(requests).hasSize(2);
        assertThat(Instant.parse(last().only().get("endsAt").asText()).toEpochMilli()).isEqualTo(T0 - 60_000);
        last().accept();
        mailbox.runAll();
        assertThat(writer.snapshotState(1).get(0).notices()).isEmpty();
        advance(Duration.ofMinutes(5));
        assertThat(requests).hasSize(2);
    }

    @Test
    void whileAlertmanagerIsUnreachableNothingBlocksAndDeliveryCatchesUpWithBackoff() throws Exception {
        AlertmanagerSinkWriter writer = writer(SETTINGS, List.of());
        writer.write(transition("a1", 1, Transition.FIRING, "red"), null);
        last().refuse();
        mailbox.runAll();
        // Transitions keep arriving and are taken at once; no request is made during the backoff.
        writer.write(transition("a2", 1, Transition.FIRING, "yellow"), null);
        writer.write(transition("a1", 2, Transition.RESOLVED, "red"), null);
        assertThat(requests).hasSize(1);

        advance(Duration.ofSeconds(1));
        assertThat(requests).hasSize(2);
        last().refuse();
        advance(Duration.ofSeconds(1));
        assertThat(requests).as("backoff doubled to 1 s, so not yet").hasSize(2);
        advance(Duration.ofSeconds(1));
        assertThat(requests).hasSize(3);
        last().accept();
        mailbox.runAll();

        JsonNode delivered = last().alerts();
        assertThat(delivered).hasSize(2);
        assertThat(delivered.findValuesAsText("alert_id")).containsExactlyInAnyOrder("a1", "a2");
        List<Notice> pending = writer.snapshotState(2).get(0).notices();
        assertThat(pending).extracting(Notice::alertId).containsExactly("a2");
    }

    @Test
    void aSeverityChangeEndsTheOldLabelSetAndStartsTheNewOne() throws Exception {
        AlertmanagerSinkWriter writer = writer(SETTINGS, List.of());
        writer.write(transition("a1", 1, Transition.FIRING, "yellow"), null);
        last().accept();
        mailbox.runAll();
        AlertTransition escalated = transition("a1", 2, Transition.ESCALATED, "red");
        escalated.updatedAt = T0 - 1_000;
        writer.write(escalated, null);

        JsonNode alerts = last().alerts();
        assertThat(alerts).hasSize(2);
        for (JsonNode a : alerts) {
            long endsAt = Instant.parse(a.get("endsAt").asText()).toEpochMilli();
            if (a.at("/labels/severity").asText().equals("yellow")) {
                assertThat(endsAt).isEqualTo(T0 - 1_000);
            } else {
                assertThat(a.at("/labels/severity").asText()).isEqualTo("red");
                assertThat(endsAt).isGreaterThan(now);
            }
        }
    }

    @Test
    void aReplayedOlderTransitionChangesNothing() throws Exception {
        AlertmanagerSinkWriter writer = writer(SETTINGS, List.of());
        writer.write(transition("a1", 1, Transition.FIRING, "red"), null);
        last().accept();
        writer.write(transition("a1", 2, Transition.RESOLVED, "red"), null);
        last().accept();
        mailbox.runAll();
        writer.write(transition("a1", 2, Transition.RESOLVED, "red"), null);
        writer.write(transition("a1", 1, Transition.FIRING, "red"), null);

        assertThat(requests).hasSize(2);
    }

    @Test
    void aSuspicionAboutAPersonIsSentWithoutThePseudonym() throws Exception {
        AlertmanagerSinkWriter writer = writer(SETTINGS, List.of());
        AlertTransition t = transition("a1", 1, Transition.FIRING, "yellow");
        t.personPseudonym = "p_3f9a1c0b7d2e4f60";
        t.summary = "人员p_3f9a1c0b7d2e4f60死亡后仍领取待遇";
        t.humanReview = true;
        writer.write(t, null);

        String body = last().alerts().toString();
        assertThat(body).doesNotContain("p_3f9a1c0b7d2e4f60").contains("人员信息已隐去").contains("人工核查");
    }

    @Test
    void theStateSurvivesARestartAndEveryInstanceIsToldAgain() throws Exception {
        AlertmanagerSinkWriter first = writer(SETTINGS, List.of());
        first.write(transition("a1", 1, Transition.FIRING, "red"), null);
        last().accept();
        mailbox.runAll();
        NoticeStateSerializer serializer = new NoticeStateSerializer();
        NoticeState state = serializer.deserialize(serializer.getVersion(),
                serializer.serialize(first.snapshotState(7).get(0)));

        requests.clear();
        AlertmanagerSinkWriter restored = writer(SETTINGS, List.of(state));
        advance(Duration.ofSeconds(1));
        assertThat(requests).hasSize(1);
        assertThat(last().only().at("/labels/alert_id").asText()).isEqualTo("a1");
        restored.write(transition("a1", 1, Transition.FIRING, "red"), null);
        assertThat(requests).as("the replayed transition is known").hasSize(1);
    }

    @Test
    void aResolvedAlertWaitsUntilEveryInstanceHasIt() throws Exception {
        AlertmanagerSettings two = SETTINGS.withUrls(
                List.of(URI.create("http://am-1:9093"), URI.create("http://am-2:9093/")));
        AlertmanagerSinkWriter writer = writer(two, List.of());
        writer.write(transition("a1", 1, Transition.RESOLVED, "red"), null);
        assertThat(requests).extracting(Request::uri).containsExactly(
                URI.create("http://am-1:9093/api/v2/alerts"), URI.create("http://am-2:9093/api/v2/alerts"));
        requests.get(0).accept();
        requests.get(1).refuse();
        mailbox.runAll();
        assertThat(writer.snapshotState(1).get(0).notices()).hasSize(1);

        advance(Duration.ofSeconds(1));
        assertThat(last().uri().getHost()).isEqualTo("am-2");
        last().accept();
        mailbox.runAll();
        assertThat(writer.snapshotState(2).get(0).notices()).isEmpty();
    }

    @Test
    void aResolvedAlertNoInstanceTakesIsGivenUpAfterTheConfiguredTime() throws Exception {
        AlertmanagerSinkWriter writer = writer(SETTINGS, List.of());
        writer.write(transition("a1", 1, Transition.RESOLVED, "red"), null);
        last().refuse();
        for (int i = 0; i < 130; i++) {
            advance(Duration.ofSeconds(30));
            last().refuse();
        }
        advance(Duration.ofSeconds(1));
        assertThat(writer.snapshotState(1).get(0).notices()).isEmpty();
    }

    @Test
    void theEndOfABoundedInputDeliversWhatIsPending() throws Exception {
        List<String> replies = new ArrayList<>();
        AlertmanagerSinkWriter writer = new AlertmanagerSinkWriter(SETTINGS, List.of(), (uri, body) -> {
            replies.add(new String(body, StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(new AlertmanagerTransport.Reply(200, ""));
        }, mailbox, timers, UnregisteredMetricsGroup.createSinkWriterMetricGroup(), () -> now);
        writer.write(transition("a1", 1, Transition.FIRING, "red"), null);
        writer.write(transition("a1", 2, Transition.RESOLVED, "red"), null);

        writer.flush(true);

        assertThat(replies).isNotEmpty();
        assertThat(writer.snapshotState(1).get(0).notices()).isEmpty();
    }
}
