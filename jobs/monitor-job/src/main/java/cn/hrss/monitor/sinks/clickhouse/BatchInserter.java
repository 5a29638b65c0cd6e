package cn.hrss.monitor.sinks.clickhouse;

/**
 * Sends one batch of rows (in the sink's {@link RowFormat}) to one table, all or nothing. The seam between the batching writer and
 * the network, so batching and retrying are testable without a server.
 */
public interface BatchInserter extends AutoCloseable {

    /** @throws Exception anything that failed; the caller decides whether to retry */
    void insert(byte[] rows) throws Exception;

    @Override
    default void close() throws Exception {}
}
