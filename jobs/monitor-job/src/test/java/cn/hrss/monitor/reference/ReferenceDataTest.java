package cn.hrss.monitor.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.hrss.monitor.events.InsuranceType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceDataTest {

    private static final RegionDirectory REGIONS = RegionDirectory.loadDefault();
    private static final ReferenceData DATA = ReferenceData.loadDefault();

    @Test
    void everyRegionHasEveryFigure() {
        for (Region region : REGIONS.all()) {
            assertThat(DATA.urbanEmployed(region.code())).as(region.code()).isPositive();
            assertThat(DATA.openingUnemployed(region.code())).as(region.code()).isPositive();
            for (InsuranceType type : InsuranceType.values()) {
                assertThat(DATA.openingBalance(region.code(), type.code)).as(region.code() + "/" + type.code)
                        .isPositive()
                        .satisfies(balance -> assertThat(balance.scale()).isEqualTo(2));
                assertThat(DATA.averageMonthlyOutflow(region.code(), type.code)).as(region.code() + "/" + type.code)
                        .isPositive()
                        .satisfies(outflow -> assertThat(outflow.scale()).isEqualTo(2));
            }
        }
    }

    @Test
    void parentFiguresAreTheSumsOfTheirChildren() {
        assertThat(ParentSums.mismatches(REGIONS, code -> BigDecimal.valueOf(DATA.urbanEmployed(code)))).isEmpty();
        assertThat(ParentSums.mismatches(REGIONS, code -> BigDecimal.valueOf(DATA.openingUnemployed(code))))
                .isEmpty();
        for (InsuranceType type : InsuranceType.values()) {
            assertThat(ParentSums.mismatches(REGIONS, code -> DATA.openingBalance(code, type.code)))
                    .as(type.code).isEmpty();
            assertThat(ParentSums.mismatches(REGIONS, code -> DATA.averageMonthlyOutflow(code, type.code)))
                    .as(type.code).isEmpty();
        }
    }

    @Test
    void nationalFiguresFollowTheStatedRules() {
        double population = REGIONS.get(RegionDirectory.NATION_CODE).population();
        assertThat(DATA.urbanEmployed("100000") / population).isCloseTo(0.47, within(0.005));
        assertThat(DATA.openingUnemployed("100000") / population).isCloseTo(0.003, within(0.0002));
        // Enterprise pension outflow ≈ 0.2 pensioners per inhabitant × 3000 yuan a month.
        BigDecimal pensionOutflow = DATA.averageMonthlyOutflow("100000", "110");
        assertThat(pensionOutflow.doubleValue() / population).isCloseTo(600.0, within(0.01));
        BigDecimal monthsPayable = DATA.openingBalance("100000", "110").divide(pensionOutflow, MathContext.DECIMAL64);
        assertThat(monthsPayable.doubleValue()).isBetween(12.0, 20.0);
    }

    @Test
    void unknownRegionsAndTypesGiveZero() {
        assertThat(DATA.urbanEmployed("999999")).isZero();
        assertThat(DATA.openingUnemployed("999999")).isZero();
        assertThat(DATA.openingBalance("999999", "110")).isEqualTo(new BigDecimal("0.00"));
        assertThat(DATA.openingBalance("110105", "310")).isEqualTo(new BigDecimal("0.00"));
        assertThat(DATA.openingBalance(null, null)).isEqualTo(new BigDecimal("0.00"));
        assertThat(DATA.averageMonthlyOutflow("999999", "110")).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void loadsFromADirectory(@TempDir Path dir) throws IOException {
        writeValidFiles(dir);
        ReferenceData data = ReferenceData.load(dir);
        assertThat(data.urbanEmployed("110105")).isEqualTo(470);
        assertThat(data.openingUnemployed("110105")).isEqualTo(3);
        assertThat(data.openingBalance("110105", "210")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(data.averageMonthlyOutflow("110105", "210")).isEqualTo(new BigDecimal("3.60"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            employed_base.csv         | 110105,many          | urban_employed must be a non-negative integer
            employed_base.csv         | 110105,470           | duplicate row for region 110105
            opening_unemployed.csv    | 11010X,3             | region code must be six digits
            opening_unemployed.csv    | 110100,3,4           | expected 2 fields, got 3
            opening_fund_balances.csv | 110100,310,1.00,1.00 | unknown insurance type '310'
            opening_fund_balances.csv | 110100,110,1.5,1.00  | cumulative_balance must be yuan with exactly two
            opening_fund_balances.csv | 110100,110,1e3,1.00  | cumulative_balance must be yuan with exactly two
            opening_fund_balances.csv | 110100,110,1.00,-    | average_monthly_outflow must be yuan with exactly two
            opening_fund_balances.csv | 110100,110,1.00      | expected 4 fields, got 3
            opening_fund_balances.csv | 110105,210,1.00,1.00 | duplicate row for region 110105, insurance type 210
            """)
    void malformedRowIsReportedWithFileAndLine(String file, String row, String message, @TempDir Path dir)
            throws IOException {
        writeValidFiles(dir);
        Files.writeString(dir.resolve(file), row + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ReferenceData.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir.resolve(file) + " line 3: ")
                .hasMessageContaining(message);
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) throws IOException {
        writeValidFiles(dir);
        Files.delete(dir.resolve("opening_unemployed.csv"));
        assertThatThrownBy(() -> ReferenceData.load(dir)).hasMessageContaining(
                dir.resolve("opening_unemployed.csv").toString());
    }

    private static void writeValidFiles(Path dir) throws IOException {
        Files.writeString(dir.resolve("employed_base.csv"), "region_code,urban_employed\n110105,470\n");
        Files.writeString(dir.resolve("opening_unemployed.csv"), "region_code,registered_unemployed\n110105,3\n");
        Files.writeString(dir.resolve("opening_fund_balances.csv"),
                "region_code,insurance_type,cumulative_balance,average_monthly_outflow\n110105,210,-12.50,3.60\n");
    }
}
