package cn.hrss.monitor.config;

import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

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
 * @param user user for HTTP basic authentication (Alertmanager's {@code --web.config.file}); null = none
 * @param password that user's password
 */
public record AlertmanagerSettings(List<URI> urls, Duration resendInterval, Duration maxBackoff,
        Duration giveUpAfter, String runbookBaseUrl, String dashboardUrl, String user, Secret password)
        implements Serializable {

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
        return new AlertmanagerSettings(newUrls, resendInterval, maxBackoff, giveUpAfter, runbookBaseUrl, dashboardUrl,
                user, password);
    }

    /**
     * Resolves the password, so call it where the requests are sent (the TaskManager), never while building the job.
     *
     * @return the {@code Authorization} header value, or empty when no user is configured
     */
    public Optional<String> basicAuthorization() {
        if (user == null) {
            return Optional.empty();
        }
        String credentials = user + ":" + password.resolve().orElse("");
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
