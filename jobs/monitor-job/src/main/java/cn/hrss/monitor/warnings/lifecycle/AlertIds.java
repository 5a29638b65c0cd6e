package cn.hrss.monitor.warnings.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Alert ids derived from what identifies an episode, not from a counter: a replay of the same observations after a
 * failure produces the same ids, so the sinks' deduplication by alert id holds.
 */
public final class AlertIds {
    private AlertIds() {}

    /** @return the first 16 hex digits of SHA-256({@code ruleId|scopeKey|episodeStart}) */
    public static String of(String ruleId, String scopeKey, long episodeStart) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((ruleId + "|" + scopeKey + "|" + episodeStart).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
