package cn.hrss.monitor.sinks.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutionException;

/** Inserts batches with the official client over HTTP: {@code INSERT INTO db.table FORMAT JSONEachRow}. */
public final class ClickHouseHttpInserter implements BatchInserter {
    private final Client client;
    private final String qualifiedTable;

    public ClickHouseHttpInserter(ClickHouseEndpoint endpoint, String table) {
        this.client = endpoint.newClient();
        this.qualifiedTable = endpoint.table(table);
    }

    @Override
    public void insert(byte[] jsonEachRowLines) throws Exception {
        try (InsertResponse ignored = client.insert(qualifiedTable, new ByteArrayInputStream(jsonEachRowLines),
                ClickHouseFormat.JSONEachRow).get()) {
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
