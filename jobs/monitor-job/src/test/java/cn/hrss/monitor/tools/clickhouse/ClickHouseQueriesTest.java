package cn.hrss.monitor.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseQueriesTest {

    @Test
    void tsvEscapesAreUndone() throws Exception {
        String tsv = "a\\tb\tline\\nbreak\tback\\\\slash\t失业保险\n\t2\t\t\n";
        List<String[]> rows = ClickHouseQueries.parseTsv(
                new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("a\tb", "line\nbreak", "back\\slash", "失业保险");
        assertThat(rows.get(1)).containsExactly("", "2", "", "");
    }
}
