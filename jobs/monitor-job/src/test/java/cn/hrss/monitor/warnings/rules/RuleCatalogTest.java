package cn.hrss.monitor.warnings.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hrss.monitor.warnings.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class RuleCatalogTest {
    public static final Path SHIPPED = Path.of("../../alerts/rules");
    private static final List<String> RULE_IDS = List.of("benefit_after_death", "data_absence", "fund_imbalance",
            "fund_months_payable", "mass_layoff", "ui_while_employed", "unemployment_surge");

    @TempDir
    Path tmp;

    @Test
    void shippedCatalogHasOneRulePerKindWithItsRunbook() {
        List<RuleDefinition> rules = RuleCatalog.load(SHIPPED);

        assertThat(rules).extracting(r -> r.id).containsExactlyElementsOf(RULE_IDS);
        assertThat(rules).extracting(r -> r.kind).containsExactlyInAnyOrder(RuleKind.values());
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.id).isEqualTo(r.kind.id);
            assertThat(r.version).isEqualTo(1);
            assertThat(r.runbook).isEqualTo("alerts/runbooks/" + r.id + ".md");
            assertThat(r.sourceFile).isEqualTo("alerts/rules/" + r.id + ".yaml");
            assertThat(r.labels).containsKey("team");
            assertThat(r.humanReview).isEqualTo(RuleCatalogSchema.requiresHumanReview(r.kind));
        });
    }

    @Test
    void shippedValuesFollowTheDomainBrief() {
        RuleDefinition payable = byId(RuleCatalog.load(SHIPPED), "fund_months_payable");
        assertThat(payable.severityFor(12.0, "110")).isNull();
        assertThat(payable.severityFor(11.9, "110")).isEqualTo(Severity.BLUE);
        assertThat(payable.severityFor(8.9, "170")).isEqualTo(Severity.YELLOW);
        assertThat(payable.severityFor(5.0, "120")).isEqualTo(Severity.ORANGE);
        assertThat(payable.severityFor(2.9, "110")).isEqualTo(Severity.RED);
        assertThat(payable.severityFor(11.0, "210")).isEqualTo(Severity.YELLOW);
        assertThat(payable.severityFor(12.0, "210")).isNull();
        assertThat(payable.severityFor(5.9, "410")).isEqualTo(Severity.YELLOW);
        assertThat(payable.severityFor(10.0, "410")).isNull();
        assertThat(payable.severityFor(18.0, "410")).isEqualTo(Severity.BLUE);

        RuleDefinition layoff = byId(RuleCatalog.load(SHIPPED), "mass_layoff");
        assertThat(layoff.integer("employerPersons")).isEqualTo(20);
        assertThat(layoff.number("employerShare")).isEqualTo(0.10);
        assertThat(layoff.integer("regionPersons")).isEqualTo(1500);
        assertThat(byId(RuleCatalog.load(SHIPPED), "data_absence").duration("expectedGap"))
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void theJobJarCarriesTheSameCatalog() {
        List<String> fromJar = RuleCatalog.loadDefault().stream().map(RuleJson::toJson).toList();
        List<String> fromDir = RuleCatalog.load(SHIPPED).stream()
                .peek(r -> r.sourceFile = "rules/" + r.id + ".yaml (job jar)").map(RuleJson::toJson).toList();
        assertThat(fromJar).isEqualTo(fromDir);
    }

    public static Stream<Arguments> brokenRules() {
        return Stream.of(
                // file, regex to replace, replacement, the one problem expected
                broken("fund_imbalance", "kind: fund_imbalance", "kind: fund_balance",
                        "kind: unknown kind 'fund_balance'; expected one of fund_imbalance, fund_months_payable"),
                broken("fund_imbalance", "(?m)^  ratioBelow:.*\\n", "",
                        "params.ratioBelow: missing (number)"),
                broken("fund_imbalance", "ratioBelow: 1.0", "ratioBelow: abc",
                        "params.ratioBelow: must be a number, got 'abc'"),
                broken("fund_imbalance", "consecutivePeriods: 2", "consecutivePeriods: 1.5",
                        "params.consecutivePeriods: must be a whole number, got '1.5'"),
                broken("data_absence", "expectedGap: 20s", "expectedGap: soon",
                        "params.expectedGap: not a duration (like 90s, 30m, 6h, 7d): 'soon'"),
                broken("fund_imbalance", "period: month", "period: week",
                        "params.period: 'week' not allowed; expected one of hour, day"),
                broken("fund_imbalance", "regionLevels: province,nation", "regionLevels: province,town",
                        "params.regionLevels: 'town' not allowed; expected a comma-separated list of nation,"),
                broken("fund_imbalance", "(?m)^params:\\n", "params:\n  threshold: 3\n",
                        "params.threshold: unknown parameter for kind fund_imbalance; expected regionLevels,"),
                broken("fund_imbalance", "severity: yellow", "severity: purple",
                        "bands[0].severity: unknown severity 'purple'; expected one of blue, yellow, orange, red"),
                broken("fund_months_payable", "severity: yellow, below: 9,", "severity: yellow, below: abc,",
                        "bands[1].below: must be a number, got 'abc'"),
                broken("fund_months_payable", "atLeast: 9, insuranceType", "atLeast: 12, insuranceType",
                        "bands[0]: below (12.0) must be greater than atLeast (12.0)"),
                broken("fund_months_payable", "insuranceType: \"410\"}\\n  - \\{severity: blue",
                        "insuranceType: \"310\"}\n  - {severity: blue",
                        "bands[15].insuranceType: '310' is not an insurance type in scope"),
                broken("fund_months_payable", "(?m)^bands:\\n", "bands:\n  - {severity: red, above: 3}\n",
                        "bands[0].above: unknown field; expected one of severity, below, atLeast, insuranceType"),
                broken("fund_imbalance", "hold: 1d", "hold: 1 day",
                        "hold: not a duration (like 90s, 30m, 6h, 7d): '1 day'"),
                broken("fund_imbalance", "(?m)^hold: 1d\\n", "",
                        "hold: missing"),
                broken("fund_imbalance", "\\{consecutive_periods\\}期收不抵支", "{months}期收不抵支",
                        "title: unknown placeholder {months}; kind fund_imbalance knows {region}, {region_code}"),
                broken("mass_layoff", "\\{employer\\}减员", "{employer减员",
                        "summary: a brace that is not part of a {placeholder}"),
                broken("fund_imbalance", "version: 1", "version: 0",
                        "version: must be at least 1, got 0"),
                broken("fund_imbalance", "version: 1", "version: one",
                        "version: must be a whole number, got 'one'"),
                broken("fund_imbalance", "(?m)^id: fund_imbalance", "id: Fund-Imbalance",
                        "id: must be 2-63 lower-case letters, digits or underscores starting with a letter, got"),
                broken("fund_imbalance", "name: 基金收支失衡", "name: Fund imbalance",
                        "name: must be the rule's Chinese name (中文名称), got 'Fund imbalance'"),
                broken("fund_imbalance", "(?m)^name: .*\\n", "",
                        "name: missing"),
                broken("fund_imbalance", "scope: region", "scope: person",
                        "scope: 'person' is not a scope of kind fund_imbalance; expected region"),
                broken("data_absence", "scopeBy: region", "scopeBy: source",
                        "scope: must equal params.scopeBy ('source'), got 'region'"),
                broken("benefit_after_death", "humanReview: true", "humanReview: false",
                        "humanReview: must be true for kind benefit_after_death"),
                broken("ui_while_employed", "humanReview: true", "humanReview: yes please",
                        "humanReview: must be true or false, got 'yes please'"),
                broken("fund_imbalance", "runbook: alerts/runbooks/fund_imbalance.md", "runbook: wiki/fund.html",
                        "runbook: must be a path like alerts/runbooks/<rule id>.md, got 'wiki/fund.html'"),
                broken("fund_imbalance", "team: fund-supervision", "owner: fund-supervision",
                        "labels.team: missing (routing sends the alert to this team)"),
                broken("fund_imbalance", "category: fund", "severity: red",
                        "labels.severity: reserved: every alert sets it itself"),
                broken("fund_imbalance", "(?m)^humanReview: false", "threshold: 1.0\nhumanReview: false",
                        "threshold: unknown field; expected one of id, version, kind,"));
    }

    private static Arguments broken(String file, String regex, String replacement, String problem) {
        return Arguments.of(file, regex, replacement, problem);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("brokenRules")
    void eachMistakeIsReportedWithFileRuleAndField(String file, String regex, String replacement, String problem)
            throws IOException {
        String original = Files.readString(SHIPPED.resolve(file + ".yaml"));
        String yaml = original.replaceFirst(regex, replacement);
        assertThat(yaml).as("the test's edit applies").isNotEqualTo(original);
        String source = "alerts/rules/" + file + ".yaml";
        String rule = yaml.contains("id: Fund-Imbalance") ? "Fund-Imbalance" : file;

        assertThatThrownBy(() -> RuleCatalog.parse(yaml, source))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith(source + ": rule " + rule + ": " + problem));
    }

    @Test
    void notYamlNamesTheFile() {
        assertThatThrownBy(() -> RuleCatalog.parse("id: [unclosed", "alerts/rules/x.yaml"))
                .isInstanceOf(RuleValidationException.class)
                .hasMessageStartingWith("alerts/rules/x.yaml: not valid YAML: ");
        assertThatThrownBy(() -> RuleCatalog.parse("- just\n- a list\n", "alerts/rules/x.yaml"))
                .hasMessage("alerts/rules/x.yaml: must be a YAML mapping of the rule's fields (id, version, kind,"
                        + " ...)");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws IOException {
        String yaml = Files.readString(SHIPPED.resolve("fund_imbalance.yaml"))
                .replace("ratioBelow: 1.0", "ratioBelow: abc").replace("version: 1", "version: 0")
                .replace("hold: 1d", "hold: soon");

        assertThatThrownBy(() -> RuleCatalog.parse(yaml, "f.yaml"))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        "f.yaml: rule fund_imbalance: hold: not a duration (like 90s, 30m, 6h, 7d): 'soon'",
                        "f.yaml: rule fund_imbalance: version: must be at least 1, got 0",
                        "f.yaml: rule fund_imbalance: params.ratioBelow: must be a number, got 'abc'"));
    }

    @Test
    void duplicateIdsAcrossFilesAreRefused() throws IOException {
        Path rules = copyCatalog();
        Files.copy(rules.resolve("fund_imbalance.yaml"), rules.resolve("fund_imbalance_copy.yaml"));
        Files.writeString(rules.resolve(RuleCatalog.INDEX), "fund_imbalance_copy.yaml\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> RuleCatalog.load(rules))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        "alerts/rules/fund_imbalance_copy.yaml: rule fund_imbalance: id: already used by"
                                + " alerts/rules/fund_imbalance.yaml"));
    }

    @Test
    void aMissingRunbookFileIsRefused() throws IOException {
        Path rules = copyCatalog();
        Files.delete(tmp.resolve("alerts/runbooks/mass_layoff.md"));

        assertThatThrownBy(() -> RuleCatalog.load(rules))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        "alerts/rules/mass_layoff.yaml: rule mass_layoff: runbook: file not found:"
                                + " alerts/runbooks/mass_layoff.md (relative to " + tmp.toAbsolutePath() + ")"));
    }

    @Test
    void theIndexMustListExactlyTheRuleFiles() throws IOException {
        Path rules = copyCatalog();
        Files.writeString(rules.resolve(RuleCatalog.INDEX), Files.readString(rules.resolve(RuleCatalog.INDEX))
                .replace("mass_layoff.yaml\n", "") + "gone.yaml\n");

        assertThatThrownBy(() -> RuleCatalog.load(rules))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        "alerts/rules/index.txt: lists gone.yaml, which is not in alerts/rules",
                        "alerts/rules/index.txt: does not list mass_layoff.yaml: add it, or the job will not deploy"
                                + " the rule"));
    }

    @Test
    void problemsOfSeveralFilesAreCollected() throws IOException {
        Path rules = copyCatalog();
        edit(rules.resolve("fund_imbalance.yaml"), "version: 1", "version: 0");
        edit(rules.resolve("data_absence.yaml"), "checkEvery: 5s", "checkEvery: often");

        assertThatThrownBy(() -> RuleCatalog.load(rules))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        "alerts/rules/data_absence.yaml: rule data_absence: params.checkEvery: not a duration"
                                + " (like 90s, 30m, 6h, 7d): 'often'",
                        "alerts/rules/fund_imbalance.yaml: rule fund_imbalance: version: must be at least 1, got 0"));
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        for (RuleDefinition r : RuleCatalog.load(SHIPPED)) {
            String json = RuleJson.toJson(r);
            RuleDefinition back = RuleJson.fromJson(json);

            assertThat(back).usingRecursiveComparison().isEqualTo(r);
            assertThat(RuleJson.toJson(back)).isEqualTo(json);
            assertThat(json).contains("\"kind\":\"" + r.kind.id + "\"", "\"id\":\"" + r.id + "\"");
        }
        String payable = RuleJson.toJson(byId(RuleCatalog.load(SHIPPED), "fund_months_payable"));
        assertThat(payable)
                .contains("{\"severity\":\"blue\",\"below\":12.0,\"atLeast\":9.0,\"insuranceType\":\"110\"}");
    }

    @Test
    void aPublishedRuleIsValidatedLikeAFile() {
        RuleDefinition r = byId(RuleCatalog.load(SHIPPED), "fund_imbalance");
        r.params.put("ratioBelow", "abc");
        String json = RuleJson.toJson(r);

        assertThatThrownBy(() -> RuleJson.fromJson(json)).hasMessage("alerts/rules/fund_imbalance.yaml (published):"
                + " rule fund_imbalance: params.ratioBelow: must be a number, got 'abc'");
        assertThatThrownBy(() -> RuleJson.fromJson(json.replace("\"kind\":\"fund_imbalance\"", "\"kind\":\"x\"")))
                .isInstanceOf(RuleValidationException.class)
                .hasMessageStartingWith("rules topic: not a rule definition: unknown RuleKind id 'x'");
        assertThatThrownBy(() -> RuleJson.fromJson("{\"id\":\"fund_imbalance\",\"limit\":3}"))
                .isInstanceOf(RuleValidationException.class).hasMessageContaining("\"limit\"");
    }

    public static RuleDefinition byId(List<RuleDefinition> rules, String id) {
        return rules.stream().filter(r -> r.id.equals(id)).findFirst().orElseThrow();
    }

    /** Copies alerts/rules and alerts/runbooks under the temporary folder; returns its rules folder. */
    private Path copyCatalog() throws IOException {
        for (String folder : List.of("rules", "runbooks")) {
            Path from = SHIPPED.resolveSibling(folder);
            Path to = Files.createDirectories(tmp.resolve("alerts").resolve(folder));
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        return tmp.resolve("alerts/rules");
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
