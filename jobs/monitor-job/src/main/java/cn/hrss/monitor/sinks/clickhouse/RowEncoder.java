package cn.hrss.monitor.sinks.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;

/**
 * Writes one value as one JSON object whose keys are the columns of a ClickHouse table: a row of an
 * {@code INSERT ... FORMAT JSONEachRow}. {@link JsonEachRow} has the field writers that old servers accept.
 * Serializable because it travels inside the {@link ClickHouseSink}.
 */
@FunctionalInterface
public interface RowEncoder<T> extends Serializable {
    void encode(T row, JsonGenerator json) throws IOException;
}
