package cn.hrss.monitor.devstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A copy of the rule catalog ({@code alerts/rules}) in which every rule's {@code retention} parameter is shorter, for
 * {@code rules.dir}: so that a benchmark sees the person-keyed rules forget within the event time it can afford.
 */
final class RetentionCatalog {
    private static final Pattern RETENTION = Pattern.compile("(?m)^(\\s*retention:\\s*)\\S+");

    private RetentionCatalog() {}

    /** @return the directory of the copy, {@code into} */
    static Path write(Path catalog, Path into, Duration retention) throws IOException {
        if (retention.toMinutes() < 1 || retention.toMinutes() * 60_000 != retention.toMillis()) {
            throw new IllegalArgumentException("retention must be whole minutes, at least one: " + retention);
        }
        Files.createDirectories(into);
        try (var files = Files.list(catalog)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (f.getFileName().toString().endsWith(".yaml")) {
                    text = RETENTION.matcher(text).replaceAll("$1" + retention.toMinutes() + "m");
                }
                Files.writeString(into.resolve(f.getFileName()), text, StandardCharsets.UTF_8);
            }
        }
        return into;
    }
}
