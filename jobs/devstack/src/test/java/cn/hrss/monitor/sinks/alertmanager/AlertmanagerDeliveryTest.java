package cn.hrss.monitor.sinks.alertmanager;

import cn.hrss.monitor.config.AlertmanagerSettings;
import cn.hrss.monitor.config.Secret;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.alerting.LocalAlertmanager;
import cn.hrss.monitor.devstack.alerting.AlertmanagerUnderTest;
import cn.hrss.monitor.devstack.alerting.WebhookReceiver;
import cn.hrss.monitor.warnings.lifecycle.AlertStatus;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import cn.hrss.monitor.warnings.lifecycle.Transition;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 notifications with the real Alertmanager (Debian's 0.25) running the shipped {@code alerts/alertmanager.yml}
 * — its routes, grouping and inhibition, timings 20 times faster, receivers replaced by a test webhook — fed by the
 * job's Alertmanager sink writer on a stand-in task thread in real time.
 */
class AlertmanagerDeliveryTest {
    private static final int SPEED_UP = 20;
    /** The shipped yellow group_wait (5 min) sped up, and margin. */
    private static final Duration YELLOW_GROUP_WAIT = Duration.ofSeconds(15);
    private static final AtomicLong IDS = new AtomicLong();
    /** Ample time for Alertmanager to log a notification its receiver has taken. */
    private static final Duration NOTIFICATION_LOGGED = Duration.ofSeconds(1);

    private static AlertmanagerUnderTest stack;
    private static WebhookReceiver webhook;
    private static LocalAlertmanager alertmanager;

    private TaskThread task;
    private AlertmanagerSinkWriter writer;

    @BeforeAll
    static void startAlertmanager() throws Exception {
        stack = AlertmanagerUnderTest.start(SPEED_UP);
        webhook = stack.webhook;
        alertmanager = stack.alertmanager;
    }

    @AfterAll
    static void stopAlertmanager() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void startWriter() throws Exception {
        task = new TaskThread();
        AlertmanagerSettings settings = new AlertmanagerSettings(List.of(alertmanager.url()), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofHours(1), "https://git.example/hrss/",
                "http://grafana.example/d/hrss-duty-console", null, new Secret("HRSS_ALERTMANAGER_PASSWORD", null));
        writer = task.call(() -> new AlertmanagerSinkWriter(settings, List.of(),
                AlertmanagerTransport.http(settings.basicAuthorization()), task,
                task, UnregisteredMetricsGroup.createSinkWriterMetricGroup(), System::currentTimeMillis));
    }

    @AfterEach
    void stopWriter() {
        task.close();
    }

    @Test
    void aRedAlertArrivesWithoutWaitingForTheYellowGroup() throws Exception {
        String yellow = newAlertId();
        String red = newAlertId();
        send(alert(yellow, 1, Transition.FIRING, "yellow", "unemployment_surge", "320105"));
        send(alert(red, 1, Transition.FIRING, "red", "fund_imbalance", "320000"));

        WebhookReceiver.Notification redNotice = webhook.await(n -> n.hasAlert(a -> id(a).equals(red)),
                Duration.ofSeconds(10), "for the red alert");
        assertThat(redNotice.receiver()).isEqualTo("oncall-urgent");
        assertThat(redNotice.status()).isEqualTo("firing");
        assertThat(webhook.received()).noneMatch(n -> n.hasAlert(a -> id(a).equals(yellow)));

        WebhookReceiver.Notification yellowNotice = webhook.await(n -> n.hasAlert(a -> id(a).equals(yellow)),
                YELLOW_GROUP_WAIT.plusSeconds(15), "for the yellow alert");
        assertThat(yellowNotice.receiver()).isEqualTo("duty-desk");
        assertThat(yellowNotice.receivedAtMs() - redNotice.receivedAtMs()).isGreaterThan(5_000);
        JsonNode labels = yellowNotice.alerts().get(0).get("labels");
        assertThat(labels.get("alertname").asText()).isEqualTo("unemployment_surge");
        assertThat(labels.get("severity").asText()).isEqualTo("yellow");
        assertThat(labels.get("region").asText()).isEqualTo("320105");
        assertThat(labels.get("insurance_type").asText()).isEqualTo("110");
    }

    @Test
    void aResolvedAlertProducesAResolvedNotificationToTheRegionsTeam() throws Exception {
        String id = newAlertId();
        send(alert(id, 1, Transition.FIRING, "red", "fund_months_payable", "110105"));
        WebhookReceiver.Notification firing = webhook.await(n -> n.hasAlert(a -> id(a).equals(id)),
                Duration.ofSeconds(10), "firing");
        assertThat(firing.receiver()).isEqualTo("beijing-oncall-urgent");
        JsonNode annotations = firing.alerts().get(0).get("annotations");
        assertThat(annotations.get("summary").asText()).contains("预警测试");
        assertThat(annotations.get("runbook_url").asText())
                .isEqualTo("https://git.example/hrss/alerts/runbooks/fund_months_payable.md");

        send(alert(id, 2, Transition.RESOLVED, "red", "fund_months_payable", "110105"));
        WebhookReceiver.Notification resolved = webhook.await(n -> n.status().equals("resolved")
                && n.hasAlert(a -> id(a).equals(id)), Duration.ofSeconds(15), "resolving " + id);
        assertThat(resolved.receiver()).isEqualTo("beijing-oncall-urgent");
        assertThat(resolved.alerts().get(0).get("status").asText()).isEqualTo("resolved");
    }

    @Test
    void anAlertmanagerOutageDuringFiringLosesNothing() throws Exception {
        String before = newAlertId();
        String during = newAlertId();
        send(alert(before, 1, Transition.FIRING, "red", "mass_layoff", "440106"));
        webhook.await(n -> n.hasAlert(a -> id(a).equals(before)), Duration.ofSeconds(10), "before the outage");
        // Alertmanager records a notification in its log only after the receiver took it. Stopped in between, it
        // restarts not knowing it notified the firing, and then (rightly) sends no resolve for it: the test, not the
        // writer, would lose the resolve. A real outage a second after a notification is the case under test.
        Thread.sleep(NOTIFICATION_LOGGED.toMillis());

        alertmanager.stop();
        try {
            // The stream goes on: the writer takes these at once while every request fails.
            send(alert(before, 2, Transition.RESOLVED, "red", "mass_layoff", "440106"));
            send(alert(during, 1, Transition.FIRING, "orange", "mass_layoff", "440305"));
            Thread.sleep(3_000);
            assertThat(task.call(() -> writer.snapshotState(1).get(0).notices()))
                    .extracting(Notice::alertId).containsExactlyInAnyOrder(before, during);
        } finally {
            alertmanager.start();
        }

        webhook.await(n -> n.status().equals("resolved") && n.hasAlert(a -> id(a).equals(before)),
                Duration.ofSeconds(20), "resolving the alert that ended during the outage");
        WebhookReceiver.Notification duringNotice = webhook.await(n -> n.hasAlert(a -> id(a).equals(during)),
                Duration.ofSeconds(20), "for the alert raised during the outage");
        assertThat(duringNotice.status()).isEqualTo("firing");
        assertThat(duringNotice.receiver()).isEqualTo("guangdong-oncall-urgent");
    }

    @Test
    void anEscalationSilencesTheLowerSeverity() throws Exception {
        String id = newAlertId();
        send(alert(id, 1, Transition.FIRING, "yellow", "unemployment_surge", "330106"));
        send(alert(id, 2, Transition.ESCALATED, "red", "unemployment_surge", "330106"));

        webhook.await(n -> n.hasAlert(a -> id(a).equals(id) && a.at("/labels/severity").asText().equals("red")),
                Duration.ofSeconds(10), "for the red colour");
        Thread.sleep(YELLOW_GROUP_WAIT.plusSeconds(5).toMillis());
        assertThat(webhook.received()).noneMatch(n -> n.hasAlert(
                a -> id(a).equals(id) && a.at("/labels/severity").asText().equals("yellow")));
    }

    private void send(AlertTransition t) throws Exception {
        task.run(() -> writer.write(t, null));
    }

    private static String id(JsonNode alert) {
        return alert.at("/labels/alert_id").asText();
    }

    private static String newAlertId() {
        return String.format("%016x", System.nanoTime() + IDS.incrementAndGet());
    }

    private static AlertTransition alert(String alertId, long sequence, Transition kind, String severity,
            String rule, String region) throws Exception {
        long now = System.currentTimeMillis();
        AlertTransition t = new AlertTransition();
        t.alertId = alertId;
        t.ruleId = rule;
        t.kind = rule;
        t.transition = kind;
        t.status = kind == Transition.RESOLVED ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        t.severity = severity;
        t.regionCode = region;
        t.insuranceType = "110";
        t.scopeKey = region + "|110";
        t.title = "预警测试 " + rule + " " + region;
        t.summary = "测试用预警";
        t.evidence = "{}";
        t.runbook = "alerts/runbooks/" + rule + ".md";
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", rule, "severity", severity, "region", region,
                "insurance_type", "110", "alert_id", alertId));
        t.labels = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(labels);
        t.startsAt = now - 60_000;  // the episode began a hold period before it fired
        t.updatedAt = now;
        t.endsAt = kind == Transition.RESOLVED ? now : 0;
        t.sequence = sequence;
        return t;
    }
}
