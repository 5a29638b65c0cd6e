package cn.hrss.monitor.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Where the pseudonymisation key comes from: an environment variable or a secret file (e.g. a mounted Kubernetes
 * secret), never the repository or the job graph. Resolved on the TaskManager when the ingestion operator opens.
 * The value is base64 of at least 32 random bytes ({@code openssl rand -base64 32}).
 */
public record PseudonymKey(String envVariable, String secretFile) implements Serializable {

    public byte[] resolve() {
        String encoded = null;
        String origin;
        if (secretFile != null && !secretFile.isBlank()) {
            origin = "secret file " + secretFile;
            try {
                encoded = Files.readString(Path.of(secretFile), StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read pseudonym key from " + origin + ": " + e.getMessage());
            }
        } else {
            origin = "environment variable " + envVariable;
            encoded = System.getenv(envVariable);
            if (encoded == null || encoded.isBlank()) {
                throw new IllegalStateException("pseudonym key missing: set " + origin
                        + " to base64 of >= 32 random bytes (e.g. `openssl rand -base64 32`) or configure"
                        + " pseudonym.key-file");
            }
        }
        try {
            byte[] key = Base64.getDecoder().decode(encoded.trim());
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
