package cn.hrss.monitor.devstack.dashboards;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the official ClickHouse plugin (grafana-clickhouse-datasource v4.0.3 and later) sends to ClickHouse for a
 * query: first Grafana's frontend interpolates the dashboard variables with the plugin's formatter, then the
 * backend expands the macros, for a fixed time range and interval. Only the macros this project allows are
 * implemented (those that run on ClickHouse 18.16 and current releases); {@link #MACROS} is that list.
 */
final class PluginExpansion {
    /** Allowed macros; the others expand to SQL that 18.16 cannot run (toStartOfInterval, DateTime64, ...). */
    static final Set<String> MACROS = Set.of("$__timeFilter", "$__fromTime", "$__toTime", "$__interval_s");
    /** {@code $name} or {@code ${name}} or {@code ${name:format}}; names starting with {@code __} are macros. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(?!__)(\\w+)");
    static final Pattern MACRO = Pattern.compile("\\$__\\w+");

    /** A variable's current value, as Grafana hands it to the plugin's formatter. */
    sealed interface Value {
        /** @return the text that replaces the variable */
        String format();

        /** A variable that is neither multi-value nor "include All": inserted as it is. */
        record Raw(String value) implements Value {
            @Override
            public String format() {
                return value;
            }
        }

        /** Chosen values of a multi-value variable (one or several), or All without a custom all value. */
        record Values(List<String> values) implements Value {
            @Override
            public String format() {
                return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(","));
            }
        }

        /** All, with the variable's custom all value, which Grafana inserts as it is. */
        record CustomAll(String allValue) implements Value {
            @Override
            public String format() {
                return allValue;
            }
        }
    }

    private final Instant from;
    private final Instant to;
    private final long intervalSeconds;

    PluginExpansion(Instant from, Instant to, long intervalSeconds) {
        this.from = from;
        this.to = to;
        this.intervalSeconds = intervalSeconds;
    }

    /** @return the SQL ClickHouse receives for {@code rawSql} with these variable values */
    String expand(String rawSql, Map<String, Value> variables) {
        return expandMacros(interpolate(rawSql, variables));
    }

    /** Grafana's template service with the plugin's {@code format}: arrays become {@code 'a','b'}, unescaped. */
    static String interpolate(String rawSql, Map<String, Value> variables) {
        Matcher m = VARIABLE.matcher(rawSql);
        return m.replaceAll(r -> {
            String name = r.group(1) != null ? r.group(1) : r.group(3);
            if (r.group(2) != null) {
                throw new IllegalArgumentException("format specifier ${" + name + ":" + r.group(2)
                        + "} is not used in this project; the expansion implements the plugin's own format only");
            }
            Value value = variables.get(name);
            if (value == null) {
                throw new IllegalArgumentException("variable $" + name + " has no value");
            }
            return Matcher.quoteReplacement(value.format());
        });
    }

    /** The backend's macros, as pkg/macros/macros.go writes them (seconds precision, v4.0.3 and later). */
    String expandMacros(String sql) {
        String out = sql;
        out = replaceFunctionMacro(out, "$__timeFilter",
                column -> column + " >= toDateTime(" + from.getEpochSecond() + ") AND " + column + " <= toDateTime("
                        + to.getEpochSecond() + ")");
        out = out.replace("$__fromTime", "toDateTime(" + from.getEpochSecond() + ")");
        out = out.replace("$__toTime", "toDateTime(" + to.getEpochSecond() + ")");
        out = out.replace("$__interval_s", String.valueOf(Math.max(intervalSeconds, 1)));
        Matcher left = MACRO.matcher(out);
        if (left.find()) {
            throw new IllegalArgumentException("macro " + left.group() + " is not allowed (allowed: " + MACROS + ")");
        }
        return out;
    }

    private static String replaceFunctionMacro(String sql, String macro, UnaryOperator<String> body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int start = sql.indexOf(macro + "(", at); start >= 0; start = sql.indexOf(macro + "(", at)) {
            int open = start + macro.length();
            int close = matchingParenthesis(sql, open);
            out.append(sql, at, start).append(body.apply(sql.substring(open + 1, close).strip()));
            at = close + 1;
        }
        return out.append(sql.substring(at)).toString();
    }

    private static int matchingParenthesis(String sql, int open) {
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            if (sql.charAt(i) == '(') {
                depth++;
            } else if (sql.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses after position " + open + " in: " + sql);
    }
}
