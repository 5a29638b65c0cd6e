package cn.hrss.monitor.tools.rules;

import cn.hrss.monitor.warnings.rules.RuleCatalogTest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    @Test
    void validateListsTheShippedRules() throws Exception {
        assertThat(run("validate", RuleCatalogTest.SHIPPED.toString())).isZero();

        assertThat(text(out)).startsWith("OK: 7 rule(s) in ../../alerts/rules")
                .contains("  fund_months_payable v1  kind=fund_months_payable  scope=region  基金可支付月数预警");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void validateOfABrokenFileFailsWithItsProblems() throws Exception {
        Path file = Files.createDirectories(tmp.resolve("alerts/rules")).resolve("fund_imbalance.yaml");
        Files.writeString(file, Files.readString(RuleCatalogTest.SHIPPED.resolve("fund_imbalance.yaml"))
                .replace("ratioBelow: 1.0", "ratioBelow: abc"));

        assertThat(run("validate", file.toString())).isEqualTo(1);

        assertThat(text(err).lines()).containsExactly("INVALID: 2 problem(s)",
                "alerts/rules/fund_imbalance.yaml: rule fund_imbalance: params.ratioBelow: must be a number, got 'abc'",
                "alerts/rules/fund_imbalance.yaml: rule fund_imbalance: runbook: file not found:"
                        + " alerts/runbooks/fund_imbalance.md (relative to " + tmp.toAbsolutePath() + ")");
    }

    @Test
    void wrongUsageExitsWithTwo() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(run("publish", RuleCatalogTest.SHIPPED.toString())).isEqualTo(2);
        assertThat(text(err)).contains("publish needs --bootstrap host:port");
        assertThat(run("validate", "--strict")).isEqualTo(2);
        assertThat(run("check")).isEqualTo(2);
    }

    private int run(String... args) throws InterruptedException {
        return RulesCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8);
    }
}
