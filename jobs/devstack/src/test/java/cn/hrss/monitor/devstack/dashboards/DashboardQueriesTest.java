package cn.hrss.monitor.devstack.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.devstack.dashboards.Dashboards.Dashboard;
import cn.hrss.monitor.devstack.dashboards.PluginExpansion.Value;
import cn.hrss.monitor.devstack.dashboards.ReaderQueries.Column;
import cn.hrss.monitor.devstack.dashboards.ReaderQueries.Result;
import cn.hrss.monitor.devstack.warnings.SharedScenarioReplay;
import cn.hrss.monitor.devstack.warnings.SimulatedReplay;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.reference.RegionLevel;
import cn.hrss.monitor.simulator.config.Scenario;
import cn.hrss.monitor.simulator.scenarios.ScenarioLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every query of every dashboard, run the way Grafana and the ClickHouse plugin would run it against what the job
 * wrote from three simulated months with every scenario ({@link SharedScenarioReplay}): variables interpolated with
 * the plugin's formatter in their All, single-value and multi-value forms (and the chained province → city → county
 * choices), macros expanded for the replay's time range, sent over HTTP as the read-only {@code dashboard_reader}.
 * Each must succeed and return the columns its panel type needs, show data (at national scope at least: see
 * {@link #readsAlerts}) and name no person.
 * Panels and variables are discovered from the JSON files, so a new panel is tested without touching this class.
 */
@DisabledIfEnvironmentVariable(named = LocalKafka.BOOTSTRAP_ENV, matches = ".+",
        disabledReason = "the input topics must hold this run's records only")
@ExtendWith(SharedScenarioReplay.class)
class DashboardQueriesTest {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardQueriesTest.class);
    /** A day: Grafana would choose about this for a 100-day range on a wide panel. */
    private static final long INTERVAL_SECONDS = Duration.ofDays(1).toSeconds();
    private static final Pattern NUMERIC = Pattern.compile("(Nullable\\()?(U?Int\\d+|Float\\d+|Decimal.*)\\)?");
    private static final Pattern DATE_TIME = Pattern.compile("DateTime(\\('[^']+'\\))?");
    private static final Pattern STRING = Pattern.compile("(Nullable\\()?String\\)?");
    private static final Pattern ALERT_TABLES = Pattern.compile("\\bFROM\\s+(alerts|alert_events)\\b");

    private static SimulatedReplay replay;
    private static ReaderQueries reader;
    private static PluginExpansion expansion;
    private static Set<String> pseudonyms;

    @BeforeAll
    static void connectAsTheDashboardReader(SimulatedReplay shared) throws Exception {
        assumeTrue(!shared.stack().clickHouseIsExternal(),
                "a HRSS_CLICKHOUSE_URL server has no dashboard_reader of ours; the test needs the user the dashboards use");
        replay = shared;
        reader = new ReaderQueries(shared.stack().clickHouseUrl(), "dashboard_reader",
                shared.dashboardReaderPassword(), shared.database());
        // From the first simulated record to now: event time (indicators, alerts) and processing time (rejections,
        // sink writes) both fall inside.
        expansion = new PluginExpansion(shared.start(), Instant.now(), INTERVAL_SECONDS);
        pseudonyms = new HashSet<>();
        shared.stack().clickHouse().queryTsv("SELECT DISTINCT person_pseudonym FROM " + shared.database()
                + ".alerts FINAL WHERE person_pseudonym != ''").forEach(r -> pseudonyms.add(r[0]));
        assertThat(pseudonyms).as("pseudonyms of fraud suspicions (the privacy check needs some)").isNotEmpty();
    }

    @TestFactory
    Stream<DynamicNode> everyQueryOfEveryDashboardInEveryForm() {
        return Dashboards.load().stream().map(d -> dynamicContainer(d.toString(),
                selections().entrySet().stream().map(s -> form(d, s.getKey(), s.getValue()))));
    }

    /**
     * How a user sets the variables, by form: a choice per variable from its options (others: All). The scope comes
     * from the scenarios, so the narrower forms select places where something happened.
     */
    private static Map<String, Map<String, Function<List<String>, Value>>> selections() {
        RegionDirectory regions = RegionDirectory.loadDefault();
        Map<String, Map<String, Function<List<String>, Value>>> forms = new LinkedHashMap<>();
        forms.put("All", Map.of());
        String deficitProvince = ancestors(regions, scenario(Scenario.FUND_IMBALANCE).regionCode())
                .get(RegionLevel.PROVINCE.id());
        forms.put("single: one province, one insurance type", Map.of(
                "province", options -> one(deficitProvince),
                "insurance", options -> one("110")));
        forms.put("multi: two cities, two insurance types", Map.of(
                "province", options -> one(deficitProvince),
                "city", options -> new Value.Values(options.subList(0, 2)),
                "insurance", options -> new Value.Values(List.of("110", "210"))));
        Map<String, String> layoff = ancestors(regions, scenario(Scenario.MASS_LAYOFF).regionCode());
        forms.put("chained: province, city, county", Map.of(
                "province", options -> one(layoff.get(RegionLevel.PROVINCE.id())),
                "city", options -> one(layoff.get(RegionLevel.CITY.id())),
                "county", options -> one(layoff.get(RegionLevel.COUNTY.id()))));
        return forms;
    }

    private static Value one(String value) {
        return new Value.Values(List.of(value));
    }

    private static Map<String, String> ancestors(RegionDirectory regions, String code) {
        Map<String, String> byLevel = new LinkedHashMap<>();
        for (Region r : regions.rollup(code)) {
            byLevel.put(r.level().id(), r.code());
        }
        return byLevel;
    }

    private static ScenarioLog.Entry scenario(Scenario s) {
        return replay.scenarios().find(s).orElseThrow(() -> new AssertionError("the replay has no " + s.wireName));
    }

    /** Variables resolved in order (each query sees the values before it), then every panel. */
    private static DynamicNode form(Dashboard d, String form, Map<String, Function<List<String>, Value>> choices) {
        Map<String, Value> values = new LinkedHashMap<>();
        List<DynamicNode> tests = new ArrayList<>();
        for (JsonNode v : d.variables()) {
            String name = v.path("name").asText();
            tests.add(dynamicTest("variable $" + name, () -> values.put(name, resolve(v, choices.get(name), values))));
        }
        for (JsonNode p : d.panels()) {
            tests.add(dynamicTest("panel " + p.path("id") + " " + p.path("title").asText(),
                    () -> checkPanel(p, values, form.equals("All") || !readsAlerts(Dashboards.rawSql(p)))));
        }
        return dynamicContainer(form, tests.stream());
    }

    /**
     * Indicators and events exist for every region with activity, so their panels show data in every form; a region
     * may have had no alert, so alert panels must show data at national scope only (where the scenarios put some).
     */
    private static boolean readsAlerts(String sql) {
        return ALERT_TABLES.matcher(sql).find();
    }

    /** Runs a query variable's query and picks its value: the choice, or All (the custom all value if it has one). */
    private static Value resolve(JsonNode variable, Function<List<String>, Value> choice, Map<String, Value> before)
            throws Exception {
        String name = variable.path("name").asText();
        if (!variable.path("type").asText().equals("query")) {
            assertThat(variable.path("type").asText()).as("$%s", name).isIn("textbox", "constant");
            return new Value.Raw(variable.path("query").asText());
        }
        String sql = expansion.expand(Dashboards.rawSqlOfVariable(variable), before);
        Result result = reader.select(sql);
        List<String> options = result.rows().stream().map(r -> r.get(0).asText()).toList();
        assertThat(options).as("options of $%s from: %s", name, sql).isNotEmpty();
        assertThat(result.columns().size()).as("$%s: value and text columns", name).isBetween(1, 2);
        if (choice != null) {
            Value chosen = choice.apply(options);
            if (chosen instanceof Value.Values chosenValues) {
                assertThat(options).as("options of $%s", name).containsAll(chosenValues.values());
            }
            return chosen;
        }
        assertThat(variable.path("includeAll").asBoolean()).as("$%s offers All", name).isTrue();
        return variable.hasNonNull("allValue") ? new Value.CustomAll(variable.path("allValue").asText())
                : new Value.Values(options);
    }

    private static void checkPanel(JsonNode panel, Map<String, Value> values, boolean mustShowData) throws Exception {
        String sql = expansion.expand(Dashboards.rawSql(panel), values);
        Result result = reader.select(sql);
        String context = "columns " + result.columns() + " of:\n" + sql;
        List<Column> columns = result.columns();

        switch (panel.path("type").asText()) {
            case "timeseries" -> {
                assertThat(columns.get(0).name()).as(context).isEqualTo("time");
                assertThat(columns.get(0).type()).as(context).matches(DATE_TIME);
                List<Column> rest = columns.subList(1, columns.size());
                int labels = (int) rest.stream().takeWhile(c -> STRING.matcher(c.type()).matches()).count();
                assertThat(rest.subList(labels, rest.size())).as("value columns after the labels: " + context)
                        .isNotEmpty().allSatisfy(c -> assertThat(c.type()).matches(NUMERIC));
            }
            case "stat" -> assertThat(columns).as("a numeric column: " + context)
                    .anySatisfy(c -> assertThat(c.type()).matches(NUMERIC));
            case "table" -> assertThat(columns).as(context).isNotEmpty();
            default -> throw new AssertionError("no column checks for panel type " + panel.path("type"));
        }
        if (mustShowData) {
            assertThat(result.rows()).as("rows at national scope: " + context).isNotEmpty();
        }
        for (List<JsonNode> row : result.rows()) {
            for (JsonNode cell : row) {
                assertThat(pseudonyms).as("a cell names a person: %s in %s", cell, context)
                        .noneMatch(p -> cell.asText().contains(p));
            }
        }
        LOG.info("{}: {} rows", panel.path("title").asText(), result.rows().size());
    }
}
