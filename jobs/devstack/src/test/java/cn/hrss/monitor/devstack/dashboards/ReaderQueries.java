package cn.hrss.monitor.devstack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SELECTs as a dashboard runs them: over HTTP as the read-only user, in the data source's default database, with
 * the result as {@code FORMAT JSONCompact}, whose {@code meta} names each column's ClickHouse type (the Java client
 * cannot read typed binary results from 18.16).
 */
final class ReaderQueries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    ReaderQueries(String httpUrl, String user, String password, String database) {
        this.uri = URI.create(httpUrl + "/?database=" + encode(database) + "&user=" + encode(user) + "&password="
                + encode(password));
    }

    /** A column of a result: its name and ClickHouse type, e.g. {@code DateTime('Asia/Shanghai')}. */
    record Column(String name, String type) {}

    /** A result: its columns and rows (values as JSON: 64-bit integers come quoted). */
    record Result(List<Column> columns, List<List<JsonNode>> rows) {}

    Result select(String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(sql + "\nFORMAT JSONCompact", StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse answered " + response.statusCode() + ": " + response.body().strip());
        }
        JsonNode body = JSON.readTree(response.body());
        List<Column> columns = new ArrayList<>();
        body.path("meta").forEach(c -> columns.add(new Column(c.path("name").asText(), c.path("type").asText())));
        List<List<JsonNode>> rows = new ArrayList<>();
        body.path("data").forEach(r -> {
            List<JsonNode> row = new ArrayList<>();
            r.forEach(row::add);
            rows.add(row);
        });
        return new Result(columns, rows);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
