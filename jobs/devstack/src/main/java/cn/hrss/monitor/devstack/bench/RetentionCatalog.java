package cn.hrss.monitor.devstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A copy of the rule catalog ({@code alerts/rules}) in which every rule's {@code retention} parameter is shorter, for
 * {@code rules.dir}: so that a benchmark sees the person-keyed rules forget within the event time it can afford. Laid
 * out as {@code <root>/alerts/rules} with {@code <root>/alerts/runbooks} linked to the real runbooks, because the
 * catalog's validation resolves runbook paths against the root.
 */
final class RetentionCatalog {
    private static final Pattern RETENTION = Pattern.compile("(?m)^(\\s*retention:\\s*)\\S+");

    private RetentionCatalog() {}

    /**
     * @param alerts the repository's {@code alerts} folder
     * @return the copy's rules folder, {@code root/alerts/rules}
     */
    static Path write(Path alerts, Path root, Duration retention) throws IOException {
        if (retention.toMinutes() < 1 || retention.toMinutes() * 60_000 != retention.toMillis()) {
            throw new IllegalArgumentException("retention must be whole minutes, at least one: " + retention);
        }
        Path into = Files.createDirectories(root.resolve("alerts/rules"));
        Path runbooks = root.resolve("alerts/runbooks");
        if (!Files.exists(runbooks)) {
            Files.createSymbolicLink(runbooks, alerts.resolve("runbooks").toAbsolutePath());
        }
        try (var files = Files.list(alerts.resolve("rules"))) {
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
