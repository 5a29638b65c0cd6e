package cn.hrss.monitor.sinks.alertmanager;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how alert notifications go (keys {@code alertmanager.*} in {@code conf/app.properties}).
 *
 * @param urls base URLs of the Alertmanager instances; every instance gets every alert, as Prometheus sends them (an
 *     Alertmanager cluster deduplicates notifications, not incoming alerts); empty = notifications off
 * @param resendInterval how often a firing alert is re-sent (Alertmanager's clients.md asks for 30 s to 3 min)
 * @param maxBackoff ceiling of the retry delay while an instance is unreachable
 * @param giveUpAfter how long a resolved notification is kept for an unreachable instance before it is dropped
 * @param runbookBaseUrl prefix of the runbook links (joined with the rule's {@code alerts/runbooks/...} path)
 * @param dashboardUrl the duty console (值班预警台), linked from every notification
 */
public record AlertmanagerSettings(List<URI> urls, Duration resendInterval, Duration maxBackoff,
        Duration giveUpAfter, String runbookBaseUrl, String dashboardUrl) implements Serializable {

    public AlertmanagerSettings {
        urls = List.copyOf(urls);
    }

    public boolean enabled() {
        return !urls.isEmpty();
    }

    /**
     * How long one send keeps an alert firing in Alertmanager ({@code endsAt = now + validFor}): four re-send
     * intervals, as Prometheus does, so a few lost sends do not resolve it, yet an alert whose sender died resolves.
     */
    public Duration validFor() {
        return resendInterval.multipliedBy(4);
    }

    public AlertmanagerSettings withUrls(List<URI> newUrls) {
        return new AlertmanagerSettings(newUrls, resendInterval, maxBackoff, giveUpAfter, runbookBaseUrl, dashboardUrl);
    }
}
