package cn.hrss.monitor.warnings.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The early-warning rule catalog: one YAML file per rule in {@code alerts/rules/} (format in {@code alerts/README.md}),
 * listed in {@code alerts/rules/index.txt}. The job jar carries a copy under {@code rules/}; a jar cannot list a
 * folder, so the index says which files to read. Loading validates every file and reports every problem found, each
 * naming the file, the rule and the field; any problem stops the load.
 */
public final class RuleCatalog {
    /** Lists the rule files of the catalog, one a line ({@code #} starts a comment). */
    public static final String INDEX = "index.txt";
    /** Where the job jar keeps its copy of the catalog. */
    private static final String RESOURCE_DIR = "rules/";
    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private RuleCatalog() {}

    /**
     * Loads every rule file of a catalog folder ({@code <repository>/alerts/rules}), sorted by file name. Also checks
     * that the index lists exactly the folder's YAML files, that ids are unique, and that each runbook exists
     * (relative to the repository root, the parent of {@code alerts/}).
     *
     * @throws RuleValidationException with every problem found in every file
     */
    /** @param dir the catalog ({@code rules.dir}), or null for the copy of {@code alerts/rules} in the job jar */
    public static List<RuleDefinition> loadFrom(String dir) {
        return dir == null ? loadDefault() : load(Path.of(dir));
    }

    public static List<RuleDefinition> load(Path dir) {
        Path root = repositoryRoot(dir);
        List<String> problems = new ArrayList<>();
        List<Path> files = yamlFiles(dir);
        checkIndex(dir, files, root, problems);
        List<RuleDefinition> rules = new ArrayList<>();
        for (Path file : files) {
            RuleDefinition r = readFile(file, root, problems);
            if (r != null) {
                rules.add(r);
            }
        }
        checkUniqueIds(rules, problems);
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
        return rules;
    }

    /** Loads one rule file of a catalog folder, checking its runbook like {@link #load(Path)}. */
    public static RuleDefinition loadFile(Path file) {
        List<String> problems = new ArrayList<>();
        RuleDefinition r = readFile(file, repositoryRoot(file.toAbsolutePath().getParent()), problems);
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
        return r;
    }

    /** Loads the catalog the job was built with: the files {@code rules/index.txt} lists in the job jar. */
    public static List<RuleDefinition> loadDefault() {
        List<String> problems = new ArrayList<>();
        List<RuleDefinition> rules = new ArrayList<>();
        for (String file : indexEntries(resource(INDEX))) {
            String source = RESOURCE_DIR + file + " (job jar)";
            RuleDefinition r = parseCollecting(resource(file), source, new Problems(source, problems));
            if (r != null) {
                rules.add(r);
            }
        }
        checkUniqueIds(rules, problems);
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
        return rules;
    }

    /**
     * Parses and validates one rule file's text (its runbook file is not checked).
     *
     * @param sourceName how messages name the file, e.g. {@code alerts/rules/fund_imbalance.yaml}
     * @throws RuleValidationException with every problem of the file
     */
    public static RuleDefinition parse(String yaml, String sourceName) {
        Problems p = new Problems(sourceName);
        RuleDefinition r = parseCollecting(yaml, sourceName, p);
        p.throwIfAny();
        return r;
    }

    /** @return the rule, or null if the text is not a YAML mapping; problems go to {@code p} */
    private static RuleDefinition parseCollecting(String yaml, String sourceName, Problems p) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            p.addForFile("not valid YAML: " + e.getOriginalMessage());
            return null;
        }
        if (root == null || !root.isObject()) {
            p.addForFile("must be a YAML mapping of the rule's fields (id, version, kind, ...)");
            return null;
        }
        RuleDefinition r = RuleReader.read(root, p);
        RuleValidator.validate(r, p);
        r.sourceFile = sourceName;
        return r;
    }

    private static RuleDefinition readFile(Path file, Path root, List<String> problems) {
        String source = displayName(file, root);
        Problems p = new Problems(source, problems);
        RuleDefinition r = parseCollecting(read(file), source, p);
        if (r != null && r.runbook != null && !p.reported("runbook") && !Files.isRegularFile(root.resolve(r.runbook))) {
            p.add("runbook", "file not found: " + r.runbook + " (relative to " + root + ")");
        }
        return r;
    }

    private static void checkIndex(Path dir, List<Path> files, Path root, List<String> problems) {
        Path index = dir.resolve(INDEX);
        String source = displayName(index, root);
        if (!Files.isRegularFile(index)) {
            problems.add(source + ": missing: it lists the rule files, one a line (the job jar reads it)");
            return;
        }
        TreeSet<String> listed = new TreeSet<>(indexEntries(read(index)));
        TreeSet<String> present = new TreeSet<>(files.stream().map(f -> f.getFileName().toString()).toList());
        for (String name : listed) {
            if (!present.contains(name)) {
                problems.add(source + ": lists " + name + ", which is not in " + displayName(dir, root));
            }
        }
        for (String name : present) {
            if (!listed.contains(name)) {
                problems.add(source + ": does not list " + name + ": add it, or the job will not deploy the rule");
            }
        }
    }

    private static List<String> indexEntries(String index) {
        return index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static void checkUniqueIds(List<RuleDefinition> rules, List<String> problems) {
        Map<String, RuleDefinition> seen = new HashMap<>();
        for (RuleDefinition r : rules) {
            if (r.id == null) {
                continue;
            }
            RuleDefinition first = seen.putIfAbsent(r.id, r);
            if (first != null) {
                problems.add(r.sourceFile + ": rule " + r.id + ": id: already used by " + first.sourceFile);
            }
        }
    }

    /** The repository root of a catalog folder {@code <root>/alerts/rules}: runbook paths are relative to it. */
    static Path repositoryRoot(Path rulesDir) {
        Path alerts = rulesDir.toAbsolutePath().normalize().getParent();
        return alerts != null && alerts.getParent() != null ? alerts.getParent() : rulesDir.toAbsolutePath();
    }

    private static String displayName(Path file, Path root) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the rule folder " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String resource(String file) {
        try (InputStream in = RuleCatalog.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new RuleValidationException(List.of(RESOURCE_DIR + file + ": not in the job jar (is "
                        + "alerts/rules/" + INDEX + " up to date?)"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_DIR + file + " from the job jar", e);
        }
    }
}
