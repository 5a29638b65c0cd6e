package cn.hrss.monitor.sinks.clickhouse;

import com.clickhouse.data.ClickHouseFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * How a {@link ClickHouseSink} writes its rows into the body of an {@code INSERT}: the input format, the columns the
 * rows hold, and the bytes of one row. Serializable because it travels inside the sink.
 */
public interface RowFormat<T> extends Serializable {
    ClickHouseFormat format();

    /** The columns, in the order each row writes them; empty when every row names its columns (JSONEachRow). */
    List<String> columns();

    /** Appends one row to a batch. */
    void append(T row, OutputStream batch) throws IOException;

    /** One JSON object per line, written by {@code encoder}: the format for the low-volume tables. */
    static <T> RowFormat<T> jsonEachRow(RowEncoder<T> encoder) {
        return new RowFormat<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public ClickHouseFormat format() {
                return ClickHouseFormat.JSONEachRow;
            }

            @Override
            public List<String> columns() {
                return List.of();
            }

            @Override
            public void append(T row, OutputStream batch) throws IOException {
                JsonEachRow.appendLine(encoder, row, batch);
            }
        };
    }
}
