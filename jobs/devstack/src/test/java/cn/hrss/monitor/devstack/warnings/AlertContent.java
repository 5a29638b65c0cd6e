package cn.hrss.monitor.devstack.warnings;

import cn.hrss.monitor.ingest.IdentifierChecks;
import cn.hrss.monitor.tools.clickhouse.ClickHouseConf;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a duty officer needs on every alert (issue 3, lifecycle): a Chinese title and summary with every template
 * placeholder filled, evidence as a JSON object that records the rule version, and a runbook that exists in the
 * repository. Persons appear only by pseudonym.
 */
final class AlertContent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    /** 18 characters shaped like a GB 11643 citizen ID (an all-digit USCC has the same shape). */
    private static final Pattern ID_SHAPED = Pattern.compile("(?<![0-9A-Z])[0-9]{17}[0-9X](?![0-9A-Z])");

    private AlertContent() {}

    /** @return what is wrong with {@code alert}'s content, one line each; empty if nothing */
    static List<String> problems(StoredAlert alert) {
        List<String> problems = new ArrayList<>();
        text(alert, "title", alert.title(), problems);
        text(alert, "summary", alert.summary(), problems);
        JsonNode evidence = parse(alert.evidence());
        if (evidence == null || !evidence.isObject()) {
            problems.add(alert.alertId() + " " + alert.ruleId() + ": evidence is not a JSON object: " + alert.evidence());
        } else if (!String.valueOf(alert.ruleVersion()).equals(evidence.path("rule_version").asText())) {
            problems.add(alert.alertId() + " " + alert.ruleId() + ": evidence does not record rule_version "
                    + alert.ruleVersion() + ": " + alert.evidence());
        }
        if (alert.runbook().isBlank() || !Files.isRegularFile(repositoryRoot().resolve(alert.runbook()))) {
            problems.add(alert.alertId() + " " + alert.ruleId() + ": runbook '" + alert.runbook()
                    + "' is not a file of the repository");
        }
        if (containsCitizenId(alert.personPseudonym() + " " + alert.title() + " " + alert.summary() + " "
                + alert.evidence())) {
            // Not printed: the message would spread it further.
            problems.add(alert.alertId() + " " + alert.ruleId() + ": a citizen ID in clear text");
        }
        return problems;
    }

    /** @return the evidence of {@code alert} as JSON */
    static JsonNode evidence(StoredAlert alert) {
        return json(alert.evidence(), "the evidence of " + alert.describe());
    }

    /** @return {@code text} as JSON; {@code what} names it if it is not JSON */
    static JsonNode json(String text, String what) {
        JsonNode node = parse(text);
        if (node == null) {
            throw new AssertionError(what + " is not JSON: " + text);
        }
        return node;
    }

    /** @return whether {@code text} holds a valid citizen ID that is not also a valid USCC (employers may be named) */
    private static boolean containsCitizenId(String text) {
        Matcher m = ID_SHAPED.matcher(text);
        while (m.find()) {
            if (IdentifierChecks.isValidCitizenId(m.group()) && !IdentifierChecks.isValidUscc(m.group())) {
                return true;
            }
        }
        return false;
    }

    private static void text(StoredAlert alert, String field, String value, List<String> problems) {
        if (!CHINESE.matcher(value).find() || value.contains("{") || value.contains("}")) {
            problems.add(alert.alertId() + " " + alert.ruleId() + ": " + field
                    + " is not Chinese text with every placeholder filled: '" + value + "'");
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The repository root: the parent of {@code conf/}, found from the test's working directory. */
    static Path repositoryRoot() {
        return ClickHouseConf.directory().getParent().getParent();
    }
}
