package cn.hrss.monitor.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmploymentTargetsTest {
    /** employment_targets.sh splits domain.md's "about 12 million a year" by population, rounding each leaf. */
    @Test
    void everyRegionHasATargetEqualToTheSumOfItsChildrenAndTheNationIsAboutTwelveMillion() {
        RegionDirectory regions = RegionDirectory.loadDefault();
        Map<String, Long> targets = EmploymentTargets.loadDefault();
        Map<String, Long> childSums = new HashMap<>();
        for (Region r : regions.all()) {
            if (r.parentCode() != null) {
                childSums.merge(r.parentCode(), targets.get(r.code()), Long::sum);
            }
        }

        assertThat(targets.keySet()).containsExactlyInAnyOrderElementsOf(
                regions.all().stream().map(Region::code).toList());
        childSums.forEach((parent, sum) -> assertThat(targets.get(parent)).as(parent).isEqualTo(sum));
        assertThat(targets.get(RegionDirectory.NATION_CODE)).isBetween(11_990_000L, 12_010_000L);
    }

    @Test
    void aBrokenRowIsReportedWithItsLine() {
        assertThatThrownBy(() -> EmploymentTargets.load(new StringReader(
                EmploymentTargets.HEADER + "\n110000,100\n110000,200\n"), "t.csv"))
                .hasMessage("t.csv line 3: duplicate row for region 110000");
        assertThatThrownBy(() -> EmploymentTargets.load(new StringReader(
                EmploymentTargets.HEADER + "\n110000,-1\n"), "t.csv"))
                .hasMessageContaining("line 2: annual_new_urban_employment must be a non-negative integer");
    }
}
