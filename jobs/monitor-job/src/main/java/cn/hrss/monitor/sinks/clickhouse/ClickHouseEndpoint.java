package cn.hrss.monitor.sinks.clickhouse;

import cn.hrss.monitor.config.ClickHouseSettings;
import cn.hrss.monitor.config.Secret;
import com.clickhouse.client.api.Client;
import java.io.Serializable;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and as whom to reach ClickHouse over HTTP, and which database holds the project's tables.
 *
 * @param url      HTTP interface, e.g. {@code http://127.0.0.1:8123}
 * @param user     ClickHouse user
 * @param password where its password is; resolved when a client is built (on the TaskManager for the job's sinks),
 *                 so it is never in the job graph; none = no password
 * @param database database of the project's tables, e.g. {@code hrss}
 */
public record ClickHouseEndpoint(String url, String user, Secret password, String database) implements Serializable {

    public static final String DEFAULT_DATABASE = "hrss";

    /** Names are spliced into SQL, so only plain identifiers are accepted. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The server, user and database of {@code clickhouse.*}. */
    public static ClickHouseEndpoint of(ClickHouseSettings settings) {
        return new ClickHouseEndpoint(settings.url(), settings.user(), settings.password(), settings.database());
    }

    public ClickHouseEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        requireIdentifier(database, "database");
    }

    /** @return {@code database.table}, for SQL text */
    public String table(String table) {
        return database + "." + requireIdentifier(table, "table");
    }

    /**
     * A client that also works with old servers (18.16): those answer with a compression the client cannot read,
     * so compression is off both ways. The client holds a connection pool: close it.
     */
    public Client newClient() {
        return new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password.resolve().orElse(""))
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(5, ChronoUnit.MINUTES)
                .setClientName("hrss-monitor")
                .build();
    }

    static String requireIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain identifier, got: " + name);
        }
        return name;
    }

    @Override
    public String toString() {
        return "ClickHouseEndpoint{" + url + " user=" + user + " database=" + database + "}";
    }
}
