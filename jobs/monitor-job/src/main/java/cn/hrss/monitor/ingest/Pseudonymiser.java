package cn.hrss.monitor.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a citizen ID by a keyed HMAC-SHA256 pseudonym (the first 128 bits, hex). A plain hash would not do:
 * the ID space is small enough to enumerate. The key comes from outside the repository (see {@code PseudonymKey}).
 * Not thread-safe: one instance per operator subtask.
 */
public final class Pseudonymiser {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final Mac mac;

    public Pseudonymiser(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("pseudonym key must be at least 32 bytes, got " + key.length);
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public String pseudonym(String citizenId) {
        byte[] digest = mac.doFinal(citizenId.getBytes(StandardCharsets.US_ASCII));
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }
}
