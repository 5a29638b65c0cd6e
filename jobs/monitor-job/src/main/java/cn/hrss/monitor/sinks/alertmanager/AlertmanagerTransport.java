package cn.hrss.monitor.sinks.alertmanager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Posts alert batches without blocking the caller; replaceable in unit tests. */
interface AlertmanagerTransport {
    /** Alertmanager's answer: 200 with an empty body, or 400/500 with the reason. */
    record Reply(int status, String body) {
        boolean accepted() {
            return status / 100 == 2;
        }
    }

    /** @return the reply, or a failed future when the instance cannot be reached */
    CompletableFuture<Reply> post(URI alertsUri, byte[] body);

    /**
     * The JDK's HTTP client: short timeouts, so an unreachable instance is noticed within seconds.
     *
     * @param authorization the {@code Authorization} header of every request, if any
     */
    static AlertmanagerTransport http(Optional<String> authorization) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return (uri, body) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            authorization.ifPresent(value -> request.header("Authorization", value));
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new Reply(r.statusCode(), r.body()));
        };
    }
}
