package cn.hrss.monitor.sinks.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The JSONEachRow format as both ClickHouse 18.16 and current releases read it: one object per line; DateTime as
 * unix seconds (a number, so no time-zone ambiguity); Decimal as a plain JSON number with exactly the column's
 * scale (18.16 rejects quoted decimals and extra digits); no nulls (missing columns are not defaulted by 18.16).
 */
public final class JsonEachRow {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonEachRow() {}

    /** Appends the encoded row and a newline to {@code out}. */
    public static <T> void appendLine(RowEncoder<T> encoder, T row, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            encoder.encode(row, json);
        }
        out.write('\n');
    }

    /** @return the encoded row and a newline */
    public static <T> byte[] line(RowEncoder<T> encoder, T row) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        appendLine(encoder, row, out);
        return out.toByteArray();
    }

    /** Writes a String column; null becomes "" (columns are not Nullable). */
    public static void string(JsonGenerator json, String column, String value) throws IOException {
        json.writeStringField(column, value == null ? "" : value);
    }

    /** Writes a DateTime column from epoch milliseconds (sub-second part dropped). */
    public static void dateTime(JsonGenerator json, String column, long epochMs) throws IOException {
        json.writeNumberField(column, Math.floorDiv(epochMs, 1000L));
    }

    /** Writes a Decimal(P, scale) column, rounding half-up to the column's scale; null becomes 0. */
    public static void decimal(JsonGenerator json, String column, BigDecimal value, int scale) throws IOException {
        BigDecimal scaled = (value == null ? BigDecimal.ZERO : value).setScale(scale, RoundingMode.HALF_UP);
        json.writeFieldName(column);
        // toPlainString: never "1E+3", which the Decimal parser of 18.16 refuses.
        json.writeNumber(scaled.toPlainString());
    }
}
