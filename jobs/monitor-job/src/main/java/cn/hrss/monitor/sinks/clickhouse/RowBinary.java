package cn.hrss.monitor.sinks.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writers for ClickHouse's RowBinary input format (read the same way by 18.16 and current servers): integers
 * little-endian, strings as a LEB128 length and UTF-8 bytes, DateTime as UInt32 unix seconds, Decimal(P ≤ 18) as its
 * unscaled Int64. Values go to the server as they are, with no text to format or parse, which is what makes it the
 * format for the high-volume {@code events} table.
 */
public final class RowBinary {
    private RowBinary() {}

    /** A String column; null becomes "" (columns are not Nullable). */
    public static void string(OutputStream out, String value) throws IOException {
        if (value == null || value.isEmpty()) {
            out.write(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int n = bytes.length; ; n >>>= 7) {
            if (n < 0x80) {
                out.write(n);
                break;
            }
            out.write((n & 0x7F) | 0x80);
        }
        out.write(bytes);
    }

    /** A UInt16 or Int16 column. */
    public static void int16(OutputStream out, int value) throws IOException {
        out.write(value);
        out.write(value >>> 8);
    }

    /** A UInt32 or Int32 column. */
    public static void int32(OutputStream out, int value) throws IOException {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    /** A UInt64 or Int64 column. */
    public static void int64(OutputStream out, long value) throws IOException {
        int32(out, (int) value);
        int32(out, (int) (value >>> 32));
    }

    /** A DateTime column from epoch milliseconds (sub-second part dropped). */
    public static void dateTime(OutputStream out, long epochMs) throws IOException {
        int32(out, (int) Math.floorDiv(epochMs, 1000L));
    }

    /** A Decimal(P, S) column with P ≤ 18 from its unscaled value (value × 10^S), e.g. fen for Decimal(18, 2). */
    public static void decimal64(OutputStream out, long unscaled) throws IOException {
        int64(out, unscaled);
    }
}
