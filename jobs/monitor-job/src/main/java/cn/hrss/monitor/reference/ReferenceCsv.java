package cn.hrss.monitor.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the reference CSVs: a fixed header, then rows of plain comma-separated fields (the files hold no
 * quoting). Every failure names the source and line, so an operator who edits a file can find the mistake.
 */
final class ReferenceCsv {

    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}");

    private ReferenceCsv() {}

    /** One data row; {@link #error} builds an exception that points at it. */
    record Row(String source, int line, String[] fields) {

        String field(int index) {
            return fields[index];
        }

        String regionCode(int index) {
            String code = fields[index];
            if (!REGION_CODE.matcher(code).matches()) {
                throw error("region code must be six digits, got '" + code + "'");
            }
            return code;
        }

        long nonNegativeLong(int index, String what) {
            try {
                long value = Long.parseLong(fields[index]);
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the same message as a negative value
            }
            throw error(what + " must be a non-negative integer, got '" + fields[index] + "'");
        }

        IllegalArgumentException error(String message) {
            return ReferenceCsv.error(source, line, message);
        }
    }

    static IllegalArgumentException error(String source, int line, String message) {
        return new IllegalArgumentException(source + " line " + line + ": " + message);
    }

    /** Checks the header, then hands each non-blank row to {@code handler}. */
    static void read(Reader reader, String source, String header, Consumer<Row> handler) {
        int fieldCount = header.split(",", -1).length;
        BufferedReader lines = new BufferedReader(reader);
        try {
            String first = lines.readLine();
            // Editors on Windows like to prepend a byte-order mark to UTF-8 files.
            if (first == null || !stripBom(first).equals(header)) {
                throw error(source, 1, "expected header '" + header + "', got '" + first + "'");
            }
            int line = 1;
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] fields = text.split(",", -1);
                if (fields.length != fieldCount) {
                    throw error(source, line, "expected " + fieldCount + " fields, got " + fields.length);
                }
                handler.accept(new Row(source, line, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /** Opens {@code /reference/<fileName>} from the classpath (the job jar carries a copy of conf/reference). */
    static Reader classpathResource(String fileName) {
        String path = "/reference/" + fileName;
        InputStream in = ReferenceCsv.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("reference file " + path + " is not on the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    static String classpathSource(String fileName) {
        return "classpath:/reference/" + fileName;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
