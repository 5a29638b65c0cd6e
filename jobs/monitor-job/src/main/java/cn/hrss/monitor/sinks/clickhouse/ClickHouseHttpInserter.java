package cn.hrss.monitor.sinks.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** Inserts batches with the official client over HTTP: {@code INSERT INTO db.table [(columns)] FORMAT ...}. */
public final class ClickHouseHttpInserter implements BatchInserter {
    private final Client client;
    private final String qualifiedTable;
    private final ClickHouseFormat format;
    private final List<String> columns;

    public ClickHouseHttpInserter(ClickHouseEndpoint endpoint, String table, RowFormat<?> rows) {
        this.client = endpoint.newClient();
        this.qualifiedTable = endpoint.table(table);
        this.format = rows.format();
        this.columns = rows.columns();
    }

    @Override
    public void insert(byte[] rows) throws Exception {
        ByteArrayInputStream body = new ByteArrayInputStream(rows);
        try (InsertResponse ignored = (columns.isEmpty() ? client.insert(qualifiedTable, body, format)
                : client.insert(qualifiedTable, columns, body, format)).get()) {
            // The server answers only after the whole batch is stored.
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
