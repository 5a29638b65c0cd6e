package cn.hrss.monitor.devstack.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.hrss.monitor.devstack.GrafanaProvisioning;
import cn.hrss.monitor.devstack.dashboards.Dashboards.Dashboard;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every dashboard file without a server: what Grafana needs to load it the way we mean (fixed uids, one
 * data source, a grid without overlaps, defined variables) and what our ClickHouse and privacy rules demand of its SQL.
 * The queries themselves run in {@link DashboardQueriesTest}.
 */
class DashboardStructureTest {
    private static final String PLUGIN = "grafana-clickhouse-datasource";
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    /** SQL that ClickHouse 18.16 cannot run, or that reads upserted tables wrongly; see the reference doc. */
    private static final Map<String, Pattern> FORBIDDEN_SQL = forbiddenSql();
    /** Columns that hold personal data or name a person. Alert summaries of fraud suspicions name the pseudonym. */
    private static final List<String> PERSONAL_COLUMNS = List.of("person_pseudonym", "summary", "birth_year",
            "masked_payload");
    /** Columns that name the person of a fraud suspicion: readable only behind a human_review guard. */
    private static final Pattern PERSON_SCOPED = Pattern.compile("\\b(scope_key|evidence)\\b");
    private static final String HUMAN_REVIEW_GUARD = "if(human_review = 1,";

    private static Map<String, Pattern> forbiddenSql() {
        Map<String, Pattern> forbidden = new LinkedHashMap<>();
        forbidden.put("toStartOfInterval (ClickHouse 19.3+)", Pattern.compile("(?i)toStartOfInterval"));
        forbidden.put("DateTime64 (20.1+)", Pattern.compile("(?i)DateTime64"));
        forbidden.put("UnixTimestamp64 functions (20.5+)", Pattern.compile("(?i)UnixTimestamp64"));
        forbidden.put("WITH name AS (subquery) (20.x+)", Pattern.compile("(?i)\\bWITH\\s+\\w+\\s+AS\\s*\\("));
        forbidden.put("window functions (21.x+)", Pattern.compile("(?i)\\bOVER\\s*\\("));
        forbidden.put("ILIKE (20.x+)", Pattern.compile("(?i)\\bILIKE\\b"));
        forbidden.put("LowCardinality", Pattern.compile("(?i)LowCardinality"));
        forbidden.put("TTL", Pattern.compile("(?i)\\bTTL\\b"));
        forbidden.put("table functions (forbidden in readonly mode)", Pattern.compile("(?i)\\bnumbers\\s*\\("));
        // max(window_start) is the same with or without older versions; every other read takes the latest only.
        forbidden.put("an upserted table read without FINAL", Pattern.compile("(?<!SELECT max\\(window_start\\) )"
                + "\\bFROM\\s+(alerts|alert_events|indicators|events|rejected_events)\\b(?!\\s+FINAL)"));
        return forbidden;
    }

    @Test
    void everyDashboardHasItsOwnUidAndTheProvisionedDataSourceIsNamedByUid() throws IOException {
        List<Dashboard> dashboards = Dashboards.load();
        Set<String> uids = new HashSet<>();

        for (Dashboard d : dashboards) {
            assertThat(d.uid()).as(d.file()).matches("[a-z0-9-]{8,40}");
            assertThat(uids.add(d.uid())).as("uid %s of %s is unique", d.uid(), d.file()).isTrue();
        }
        assertThat(GrafanaProvisioning.datasourceUid()).isNotBlank();
    }

    @TestFactory
    Stream<DynamicNode> everyDashboard() {
        return Dashboards.load().stream().map(d -> DynamicContainer.dynamicContainer(d.toString(), Stream.of(
                dynamicTest("Chinese titles, schema 39, auto-refresh", () -> titlesAndRefresh(d)),
                dynamicTest("unique panel ids, grid inside 24 columns without overlaps", () -> grid(d)),
                dynamicTest("every data source is the provisioned one", () -> datasources(d)),
                dynamicTest("SQL queries with the format of their panel type", () -> targets(d)),
                dynamicTest("every variable used is defined (before the variables that use it)", () -> variables(d)),
                dynamicTest("only allowed macros and SQL that runs on 18.16", () -> allowedSql(d)),
                dynamicTest("no personal data", () -> noPersonalData(d)),
                dynamicTest("runbook links from the runbook_base variable", () -> runbookLinks(d)))));
    }

    private static void titlesAndRefresh(Dashboard d) {
        assertThat(d.title()).as("title").containsPattern(CHINESE);
        assertThat(d.json().path("schemaVersion").asInt()).isEqualTo(39);
        assertThat(d.json().path("refresh").asText()).as("auto-refresh").matches("\\d+[smh]");
        for (JsonNode p : d.panels()) {
            assertThat(p.path("title").asText()).as("title of panel %s", p.path("id")).containsPattern(CHINESE);
        }
        for (JsonNode v : d.variables()) {
            if (v.path("hide").asInt() != 2) {
                assertThat(v.path("label").asText()).as("label of $%s", v.path("name").asText())
                        .containsPattern(CHINESE);
            }
        }
    }

    private static void grid(Dashboard d) {
        Set<Integer> ids = new HashSet<>();
        List<JsonNode> placed = new ArrayList<>();
        for (JsonNode p : d.panels()) {
            String panel = "panel " + p.path("id") + " " + p.path("title").asText();
            assertThat(ids.add(p.path("id").asInt())).as("%s: unique id", panel).isTrue();
            JsonNode g = p.path("gridPos");
            assertThat(g.path("x").asInt()).as("%s x", panel).isBetween(0, 23);
            assertThat(g.path("y").asInt()).as("%s y", panel).isNotNegative();
            assertThat(g.path("w").asInt()).as("%s w", panel).isPositive();
            assertThat(g.path("h").asInt()).as("%s h", panel).isPositive();
            assertThat(g.path("x").asInt() + g.path("w").asInt()).as("%s x + w", panel).isLessThanOrEqualTo(24);
            for (JsonNode other : placed) {
                assertThat(overlap(g, other.path("gridPos"))).as("%s overlaps panel %s", panel, other.path("id"))
                        .isFalse();
            }
            placed.add(p);
        }
        assertThat(placed).as("panels").isNotEmpty();
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static void datasources(Dashboard d) throws IOException {
        String uid = GrafanaProvisioning.datasourceUid();
        List<JsonNode> references = d.json().findValues("datasource");

        assertThat(references).as("data source references").isNotEmpty();
        assertThat(references).allSatisfy(ds -> {
            assertThat(ds.path("uid").asText()).isEqualTo(uid);
            assertThat(ds.path("type").asText()).isEqualTo(PLUGIN);
        });
        for (JsonNode p : d.panels()) {
            assertThat(p.path("datasource").path("uid").asText()).as("panel %s", p.path("id")).isEqualTo(uid);
            p.path("targets").forEach(t -> assertThat(t.path("datasource").path("uid").asText())
                    .as("target of panel %s", p.path("id")).isEqualTo(uid));
        }
    }

    private static void targets(Dashboard d) {
        for (JsonNode p : d.panels()) {
            String panel = "panel " + p.path("id") + " " + p.path("title").asText();
            int expectedFormat = switch (p.path("type").asText()) {
                case "timeseries" -> 0;
                case "table", "stat" -> 1;
                default -> throw new AssertionError(panel + ": panel type " + p.path("type") + " is not covered by"
                        + " the query test's column checks");
            };
            assertThat(p.path("targets")).as("%s: one query", panel).hasSize(1);
            JsonNode t = p.path("targets").path(0);
            assertThat(t.path("editorType").asText()).as(panel).isEqualTo("sql");
            assertThat(t.path("rawSql").asText()).as(panel).isNotBlank();
            assertThat(t.path("format").isInt() ? t.path("format").asInt() : -1).as("%s: format", panel)
                    .isEqualTo(expectedFormat);
        }
    }

    private static void variables(Dashboard d) {
        Set<String> defined = new HashSet<>();
        for (JsonNode v : d.variables()) {
            if (v.path("type").asText().equals("query")) {
                assertThat(v.path("datasource").path("uid").asText()).as("$%s data source", v.path("name")).isNotBlank();
                assertThat(used(Dashboards.rawSqlOfVariable(v))).as("variables used by $%s", v.path("name").asText())
                        .isSubsetOf(defined);
            }
            defined.add(v.path("name").asText());
        }
        for (JsonNode p : d.panels()) {
            assertThat(used(Dashboards.rawSql(p))).as("variables used by panel %s", p.path("id")).isSubsetOf(defined);
        }
    }

    private static Set<String> used(String sql) {
        Set<String> names = new HashSet<>();
        Matcher m = PluginExpansion.VARIABLE.matcher(sql);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(3));
        }
        return names;
    }

    private static void allowedSql(Dashboard d) {
        for (Map.Entry<String, String> q : queries(d).entrySet()) {
            Matcher macros = PluginExpansion.MACRO.matcher(q.getValue());
            while (macros.find()) {
                assertThat(PluginExpansion.MACROS).as("%s uses %s", q.getKey(), macros.group())
                        .contains(macros.group());
            }
            FORBIDDEN_SQL.forEach((what, pattern) -> assertThat(pattern.matcher(q.getValue()).find())
                    .as("%s uses %s", q.getKey(), what).isFalse());
        }
    }

    private static void noPersonalData(Dashboard d) {
        for (Map.Entry<String, String> q : queries(d).entrySet()) {
            for (String column : PERSONAL_COLUMNS) {
                assertThat(q.getValue()).as("%s reads %s", q.getKey(), column).doesNotContainPattern("\\b" + column + "\\b");
            }
            Matcher m = PERSON_SCOPED.matcher(q.getValue());
            while (m.find()) {
                int guard = q.getValue().lastIndexOf(HUMAN_REVIEW_GUARD, m.start());
                assertThat(guard >= 0 && !q.getValue().substring(guard, m.start()).contains(" AS "))
                        .as("%s reads %s outside an %s ...) guard", q.getKey(), m.group(), HUMAN_REVIEW_GUARD).isTrue();
            }
        }
    }

    private static void runbookLinks(Dashboard d) {
        for (Map.Entry<String, String> q : queries(d).entrySet()) {
            if (q.getValue().contains("runbook")) {
                assertThat(q.getValue()).as(q.getKey()).contains("concat('${runbook_base}', runbook)");
            }
        }
    }

    /** @return every panel and variable query, by a name for messages */
    private static Map<String, String> queries(Dashboard d) {
        Map<String, String> queries = new LinkedHashMap<>();
        d.variables().stream().filter(v -> v.path("type").asText().equals("query"))
                .forEach(v -> queries.put("variable $" + v.path("name").asText(), Dashboards.rawSqlOfVariable(v)));
        d.panels().forEach(p -> queries.put("panel " + p.path("id") + " " + p.path("title").asText(),
                Dashboards.rawSql(p)));
        return queries;
    }
}
