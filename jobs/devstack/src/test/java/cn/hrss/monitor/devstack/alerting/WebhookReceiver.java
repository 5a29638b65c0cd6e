package cn.hrss.monitor.devstack.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A webhook receiver as Alertmanager's {@code webhook_configs} calls it: records every notification (the v4 JSON
 * body: status, receiver, groupLabels, alerts[] with labels, annotations, startsAt, endsAt) with its arrival time.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One notification; {@code raw} is the body as sent, for privacy scans. */
    public record Notification(long receivedAtMs, JsonNode body, String raw) {
        public String status() {
            return body.get("status").asText();
        }

        public String receiver() {
            return body.get("receiver").asText();
        }

        public List<JsonNode> alerts() {
            List<JsonNode> alerts = new ArrayList<>();
            body.get("alerts").forEach(alerts::add);
            return alerts;
        }

        public boolean hasAlert(Predicate<JsonNode> which) {
            return alerts().stream().anyMatch(which);
        }
    }

    private final HttpServer server;
    private final List<Notification> received = new ArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String raw = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            synchronized (received) {
                received.add(new Notification(System.currentTimeMillis(), JSON.readTree(body), raw));
                received.notifyAll();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    public List<Notification> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** @return the first notification matching, waiting up to {@code timeout} for it */
    public Notification await(Predicate<Notification> which, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (received) {
            while (true) {
                for (Notification n : received) {
                    if (which.test(n)) {
                        return n;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no notification " + what + " within " + timeout + "; received: "
                            + received.stream().map(Notification::raw).toList());
                }
                received.wait(left);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
