package cn.hrss.monitor.devstack.alerting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Alertmanager running the shipped {@code alerts/alertmanager.yml} with its timings sped up, every receiver
 * delivering to one test webhook that records what on-call staff would have been sent.
 */
public final class AlertmanagerUnderTest implements AutoCloseable {
    public final WebhookReceiver webhook;
    public final LocalAlertmanager alertmanager;

    private AlertmanagerUnderTest(WebhookReceiver webhook, LocalAlertmanager alertmanager) {
        this.webhook = webhook;
        this.alertmanager = alertmanager;
    }

    /** @param speedUp divides every group wait, group interval and repeat interval of the shipped file */
    public static AlertmanagerUnderTest start(int speedUp) throws IOException {
        WebhookReceiver webhook = new WebhookReceiver();
        Path dir = Files.createTempDirectory("hrss-alertmanager-config-");
        try {
            return new AlertmanagerUnderTest(webhook,
                    LocalAlertmanager.start(TestAlertmanagerConfig.write(webhook.url(), speedUp, dir)));
        } catch (IOException | RuntimeException e) {
            webhook.close();
            throw e;
        } finally {
            Files.deleteIfExists(dir.resolve("alertmanager-test.yml"));
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public void close() {
        alertmanager.close();
        webhook.close();
    }
}
