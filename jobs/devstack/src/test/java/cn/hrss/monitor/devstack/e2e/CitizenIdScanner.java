package cn.hrss.monitor.devstack.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Looks for known citizen IDs in a stream of bytes, text or binary (Flink and Kafka write ASCII strings as one byte a
 * character), also inside longer digit runs. Streams of any size pass through an 18-byte window.
 */
final class CitizenIdScanner {
    static final int LENGTH = 18;

    private final Set<String> ids;
    private final Set<String> found = new TreeSet<>();
    private final byte[] recent = new byte[LENGTH];
    private long position;
    private int digitsBefore;
    private long bytesScanned;

    CitizenIdScanner(Set<String> ids) {
        this.ids = ids;
    }

    /** Scans one document: an ID never spans two documents. */
    CitizenIdScanner scan(byte[] data) {
        if (data != null) {
            scan(data, data.length);
        }
        endOfDocument();
        return this;
    }

    CitizenIdScanner scan(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            scan(buffer, n);
        }
        endOfDocument();
        return this;
    }

    private void scan(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            byte b = data[i];
            recent[(int) (position++ % LENGTH)] = b;
            if (digitsBefore >= LENGTH - 1 && (isDigit(b) || b == 'X' || b == 'x')) {
                check();
            }
            digitsBefore = isDigit(b) ? digitsBefore + 1 : 0;
        }
        bytesScanned += length;
    }

    private void check() {
        byte[] candidate = new byte[LENGTH];
        for (int k = 0; k < LENGTH; k++) {
            candidate[k] = recent[(int) ((position + k) % LENGTH)];
        }
        String id = new String(candidate, StandardCharsets.US_ASCII).toUpperCase();
        if (ids.contains(id)) {
            found.add(id);
        }
    }

    private void endOfDocument() {
        digitsBefore = 0;
    }

    /** @return the IDs seen so far, sorted */
    Set<String> found() {
        return found;
    }

    long bytesScanned() {
        return bytesScanned;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
