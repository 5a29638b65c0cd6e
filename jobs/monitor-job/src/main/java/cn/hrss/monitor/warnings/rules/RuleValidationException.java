package cn.hrss.monitor.warnings.rules;

import java.util.List;

/**
 * A rule catalog that must not be used: every problem found, one a line, each naming the file, the rule and the field
 * ({@code alerts/rules/x.yaml: rule x: bands[2].below: must be a number, got 'abc'}). Stops start-up and
 * {@code rules validate}/{@code rules publish}.
 */
public final class RuleValidationException extends RuntimeException {
    private final List<String> problems;

    public RuleValidationException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in file order */
    public List<String> problems() {
        return problems;
    }
}
