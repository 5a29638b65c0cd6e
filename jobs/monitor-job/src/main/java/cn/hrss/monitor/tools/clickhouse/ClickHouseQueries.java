package cn.hrss.monitor.tools.clickhouse;

import cn.hrss.monitor.sinks.clickhouse.ClickHouseEndpoint;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Plain SQL against ClickHouse for tools, tests, the demo summary and the benchmark. Results are read as
 * TabSeparated text, which every server version writes the same way (the client's binary result formats do not
 * work with 18.16). SQL must name tables with their database ({@link ClickHouseEndpoint#table}).
 */
public final class ClickHouseQueries implements AutoCloseable {
    private final ClickHouseEndpoint endpoint;
    private final Client client;

    public ClickHouseQueries(ClickHouseEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = endpoint.newClient();
    }

    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    /** Runs a statement that returns no rows (DDL, INSERT ... VALUES). */
    public void execute(String sql) throws IOException {
        queryTsv(sql);
    }

    /** @return the rows, each as its column values (TSV escapes undone) */
    public List<String[]> queryTsv(String sql) throws IOException {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        try (QueryResponse response = client.query(sql, settings).get()) {
            return parseTsv(response.getInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while querying ClickHouse", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** Names the underlying cause too: the client's own message for a refused connection does not. */
    private IOException failure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = "ClickHouse query at " + endpoint.url() + " failed: " + e.getMessage();
        if (root != e) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return new IOException(message, e);
    }

    /** @return the single number the query selects */
    public long queryLong(String sql) throws IOException {
        List<String[]> rows = queryTsv(sql);
        if (rows.size() != 1 || rows.get(0).length != 1) {
            throw new IOException("Expected one value, got " + rows.size() + " rows from: " + sql);
        }
        return Long.parseLong(rows.get(0)[0]);
    }

    static List<String[]> parseTsv(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            for (int i = 0; i < fields.length; i++) {
                fields[i] = unescape(fields[i]);
            }
            rows.add(fields);
        }
        return rows;
    }

    /** Undoes ClickHouse's TSV escaping: backslash before tab, newline, backslash and a few others. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                out.append(c);
                continue;
            }
            char next = field.charAt(++i);
            out.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case '0' -> '\0';
                default -> next;
            });
        }
        return out.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
