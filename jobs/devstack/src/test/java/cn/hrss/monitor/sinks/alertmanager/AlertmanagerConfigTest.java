package cn.hrss.monitor.sinks.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.devstack.alerting.LocalAlertmanager;
import cn.hrss.monitor.devstack.alerting.TestAlertmanagerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code alerts/alertmanager.yml} and its templates, checked with the real {@code amtool}. */
class AlertmanagerConfigTest {
    private record Run(int exitCode, String output) {}

    @Test
    void theShippedConfigurationPassesAmtool() throws Exception {
        Run check = amtool("check-config", TestAlertmanagerConfig.shipped().toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS").contains("3 inhibit rules").contains("4 receivers");
    }

    @ParameterizedTest(name = "{0} in {1} goes to {2}")
    @CsvSource({
        "red,    110105, beijing-oncall-urgent",
        "orange, 440305, guangdong-oncall-urgent",
        "red,    320000, oncall-urgent",
        "orange, 100000, oncall-urgent",
        "yellow, 110105, duty-desk",
        "blue,   510104, duty-desk",
    })
    void routesGoBySeverityThenRegion(String severity, String region, String receiver) throws Exception {
        Run route = amtool("config", "routes", "test", "--config.file=" + TestAlertmanagerConfig.shipped(),
                "--verify.receivers=" + receiver, "alertname=fund_imbalance", "severity=" + severity,
                "region=" + region, "insurance_type=110", "alert_id=0123456789abcdef");

        assertThat(route.exitCode()).as(route.output()).isZero();
        assertThat(route.output().trim()).isEqualTo(receiver);
    }

    @Test
    void theChineseMessageTemplatesRender() throws Exception {
        Path templates = TestAlertmanagerConfig.shipped().resolveSibling("templates");
        for (String name : List.of("hrss.wechat.message", "hrss.email.subject", "hrss.email.html")) {
            Run render = amtool("template", "render", "--template.glob=" + templates.resolve("*.tmpl"),
                    "--template.text={{ template \"" + name + "\" . }}");

            assertThat(render.exitCode()).as(name + ": " + render.output()).isZero();
            assertThat(render.output()).as(name).containsAnyOf("预警", "解除");
        }
    }

    private static Run amtool(String... args) throws IOException, InterruptedException {
        Path amtool = LocalAlertmanager.amtool().orElseThrow(
                () -> new IOException("amtool is not installed: apt-get install prometheus-alertmanager"));
        List<String> command = new ArrayList<>(List.of(amtool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // amtool warns that --config.file overrides --alertmanager.url; not part of the answer.
        return new Run(p.exitValue(), output.lines().filter(l -> !l.startsWith("Warning:"))
                .reduce("", (a, b) -> a + b + "\n"));
    }
}
