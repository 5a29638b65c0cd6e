package cn.hrss.monitor.config;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a secret is, never its value: a file (e.g. a mounted Kubernetes secret), which wins when set, else an
 * environment variable. Resolved where the secret is used (on the TaskManager for the job's ingestion and sinks), so
 * the value is in no configuration file, job graph, log line or error message.
 *
 * @param envVariable name of the environment variable holding the value
 * @param file path of a file holding the value, or null
 */
public record Secret(String envVariable, String file) implements Serializable {

    /** @return the value, trimmed; empty when the variable is unset or blank (an unreadable file is an error) */
    public Optional<String> resolve() {
        if (file != null) {
            try {
                return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + origin() + ": " + e.getMessage());
            }
        }
        String value = System.getenv(envVariable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** @return where the value comes from, for messages: {@code secret file F} or {@code environment variable V} */
    public String origin() {
        return file != null ? "secret file " + file : "environment variable " + envVariable;
    }

    @Override
    public String toString() {
        return "Secret{" + origin() + "}";
    }
}
