package cn.hrss.monitor.ingest;

import cn.hrss.monitor.config.Secret;
import java.io.Serializable;
import java.util.Base64;

/**
 * The pseudonymisation key, from where {@code pseudonym.key-env} / {@code pseudonym.key-file} say (e.g. a mounted
 * Kubernetes secret), never the repository or the job graph: resolved on the TaskManager when the ingestion operator
 * opens. The value is base64 of at least 32 random bytes ({@code openssl rand -base64 32}).
 */
public record PseudonymKey(Secret secret) implements Serializable {

    public byte[] resolve() {
        String origin = secret.origin();
        String encoded = secret.resolve().orElseThrow(() -> new IllegalStateException("pseudonym key missing: set "
                + origin + " to base64 of >= 32 random bytes (e.g. `openssl rand -base64 32`) or configure"
                + " pseudonym.key-file"));
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length < 32) {
                throw new IllegalStateException("pseudonym key from " + origin + " has " + key.length
                        + " bytes; at least 32 are required");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pseudonym key from " + origin + " is not valid base64");
        }
    }
}
