package cn.hrss.monitor.tools.rules;

import cn.hrss.monitor.warnings.rules.RuleCatalog;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleValidationException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/rules}: checks the rule catalog, and publishes threshold changes to the running job.
 *
 * <pre>
 *   rules validate [dir-or-file]                                        (default alerts/rules)
 *   rules publish --bootstrap host:port [--topic hrss.rules] [dir-or-file]
 * </pre>
 *
 * Exit codes: 0 done, 1 invalid rules or publication refused, 2 wrong usage.
 */
public final class RulesCommand {
    static final String DEFAULT_DIR = "alerts/rules";
    static final String DEFAULT_TOPIC = "hrss.rules";
    private static final String USAGE = """
            usage: rules validate [dir-or-file]
                   rules publish --bootstrap host:port [--topic hrss.rules] [dir-or-file]
            (dir-or-file defaults to alerts/rules; see alerts/README.md)""";

    private RulesCommand() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "validate" -> validate(rest, out);
                case "publish" -> publish(rest, out, err);
                default -> usage(err, "unknown command '" + args[0] + "'");
            };
        } catch (RuleValidationException e) {
            err.println("INVALID: " + e.problems().size() + " problem(s)");
            e.problems().forEach(err::println);
            return 1;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }

    private static int validate(List<String> args, PrintStream out) {
        Path path = target(args);
        List<RuleDefinition> rules = load(path);
        out.println("OK: " + rules.size() + " rule(s) in " + path);
        for (RuleDefinition r : rules) {
            out.println("  " + r.id + " v" + r.version + "  kind=" + r.kind.id + "  scope=" + r.scope + "  " + r.name);
        }
        return 0;
    }

    private static int publish(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        String bootstrap = option(args, "--bootstrap", null);
        if (bootstrap == null) {
            throw new IllegalArgumentException("publish needs --bootstrap host:port");
        }
        String topic = option(args, "--topic", DEFAULT_TOPIC);
        List<RuleDefinition> rules = load(target(args));
        RulesTopic rulesTopic = new RulesTopic(bootstrap, topic);
        rulesTopic.ensureExists();
        Map<String, RuleDefinition> published =
                rulesTopic.readPublished(problem -> err.println("warning: unreadable record on " + topic + " at "
                        + problem));
        PublishPlan plan = PublishPlan.of(rules, published);
        if (plan.refused()) {
            err.println("REFUSED: nothing was published");
            plan.refusals().forEach(err::println);
            return 1;
        }
        rulesTopic.publish(plan.toPublish());
        plan.toPublish().forEach(r -> out.println("published " + r.id + " v" + r.version + " to " + topic));
        plan.unchanged().forEach(u -> out.println("unchanged " + u));
        return 0;
    }

    private static List<RuleDefinition> load(Path path) {
        return Files.isDirectory(path) ? RuleCatalog.load(path) : List.of(RuleCatalog.loadFile(path));
    }

    /** Removes {@code name value} from the arguments. */
    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return value;
    }

    /** The one remaining argument, the catalog folder or a rule file. */
    private static Path target(List<String> args) {
        for (String a : args) {
            if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (args.size() > 1) {
            throw new IllegalArgumentException("one folder or file only, got " + args);
        }
        Path path = Path.of(args.isEmpty() ? DEFAULT_DIR : args.get(0));
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such folder or file: " + path);
        }
        return path;
    }
}
