package cn.hrss.monitor.devstack.warnings;

import cn.hrss.monitor.devstack.alerting.AlertmanagerUnderTest;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class's {@code @BeforeAll} the one replay of about three simulated months with every scenario: the
 * first class to ask runs it, later classes (the scenario alerts test, the dashboard query test) read what it wrote,
 * and JUnit closes it when the whole execution ends. Its ClickHouse has the read-only {@code dashboard_reader}, and
 * the database is {@code hrss}, the one that user may read (a HRSS_CLICKHOUSE_URL server gets a database of its own). The
 * job notifies a real Alertmanager running the shipped routing (timings sped up), whose receivers all deliver to a
 * test webhook: tests ask for {@link AlertmanagerUnderTest} to see what on-call staff were sent.
 */
public final class SharedScenarioReplay implements ParameterResolver {
    public static final Duration SPAN = Duration.ofDays(90);
    /** As the demo runs it: 1000 records/s nominal at 43,200 simulated seconds per second, so 43.2 s per record. */
    static final SimulatorConfig SIMULATION = SimulatorConfig.defaults()
            .withStart(SimulatedReplay.firstOfMonthAtLeast(Duration.ofDays(100)))
            .withClock(1000, 43_200)
            .withRunLength(SPAN);

    /** Alertmanager's waits divided by this: a replay's alerts are notified within seconds. */
    private static final int ALERTMANAGER_SPEED_UP = 60;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == SimulatedReplay.class || type == AlertmanagerUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        ExtensionContext.Store store =
                extension.getRoot().getStore(ExtensionContext.Namespace.create(SharedScenarioReplay.class));
        SimulatedReplay replay = store.getOrComputeIfAbsent(SimulatedReplay.class, k -> {
            try {
                AlertmanagerUnderTest alertmanager = AlertmanagerUnderTest.start(ALERTMANAGER_SPEED_UP);
                store.put(AlertmanagerUnderTest.class, alertmanager);
                return replay(alertmanager);
            } catch (Exception e) {
                throw new IllegalStateException("the scenario replay failed: " + e.getMessage(), e);
            }
        }, SimulatedReplay.class);
        return parameter.getParameter().getType() == SimulatedReplay.class ? replay
                : store.get(AlertmanagerUnderTest.class, AlertmanagerUnderTest.class);
    }

    private static SimulatedReplay replay(AlertmanagerUnderTest alertmanager) throws Exception {
        String url = System.getenv("HRSS_CLICKHOUSE_URL");
        boolean ownServer = url == null || url.isBlank();
        byte[] password = new byte[16];
        new SecureRandom().nextBytes(password);
        return SimulatedReplay.run(Path.of("target", "warnings-e2e", "scenarios").toAbsolutePath(),
                ownServer ? "hrss" : "hrss_scenarios_" + System.currentTimeMillis(), SIMULATION, SPAN,
                HexFormat.of().formatHex(password),
                Map.of("alertmanager.urls", alertmanager.alertmanager.url().toString()));
    }
}
