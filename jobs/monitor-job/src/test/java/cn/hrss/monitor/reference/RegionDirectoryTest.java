package cn.hrss.monitor.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionDirectoryTest {

    private static final RegionDirectory REGIONS = RegionDirectory.loadDefault();

    private static final String VALID = """
            code,name,level,parent_code,population
            100000,全国,nation,,30
            110000,北京市,province,100000,30
            110100,市辖区,city,110000,30
            110105,朝阳区,county,110100,30
            """;

    @Test
    void shippedFileHasTheNationAndAllMainlandProvinces() {
        assertThat(REGIONS.atLevel(RegionLevel.NATION)).extracting(Region::code)
                .containsExactly(RegionDirectory.NATION_CODE);
        assertThat(REGIONS.atLevel(RegionLevel.PROVINCE)).hasSize(31);
        assertThat(REGIONS.atLevel(RegionLevel.CITY)).hasSizeGreaterThan(330);
        assertThat(REGIONS.atLevel(RegionLevel.COUNTY)).hasSizeGreaterThan(2800);
        assertThat(REGIONS.all()).hasSize(REGIONS.atLevel(RegionLevel.NATION).size()
                + REGIONS.atLevel(RegionLevel.PROVINCE).size() + REGIONS.atLevel(RegionLevel.CITY).size()
                + REGIONS.atLevel(RegionLevel.COUNTY).size());
        // The 31 provinces' 2020 census totals, without the 2 million servicemen counted nationally.
        assertThat(REGIONS.get(RegionDirectory.NATION_CODE).population()).isEqualTo(1_409_778_724L);
    }

    @Test
    void loadDefaultIsCached() {
        assertThat(RegionDirectory.loadDefault()).isSameAs(REGIONS);
    }

    @Test
    void everyCountyRollsUpThroughItsCityAndProvinceToTheNation() {
        for (Region county : REGIONS.atLevel(RegionLevel.COUNTY)) {
            List<Region> chain = REGIONS.rollup(county.code());
            assertThat(chain).as(county.code()).extracting(Region::level).containsExactly(
                    RegionLevel.COUNTY, RegionLevel.CITY, RegionLevel.PROVINCE, RegionLevel.NATION);
            for (int i = 0; i + 1 < chain.size(); i++) {
                assertThat(chain.get(i).parentCode()).as(county.code()).isEqualTo(chain.get(i + 1).code());
            }
            // GB/T 2260: the first two digits are the province, the next two the prefecture.
            assertThat(chain.get(2).code()).startsWith(county.code().substring(0, 2));
        }
    }

    @Test
    void chaoyangRollsUpToBeijing() {
        assertThat(REGIONS.get("110105").name()).isEqualTo("朝阳区");
        assertThat(REGIONS.rollup("110105")).extracting(Region::code)
                .containsExactly("110105", "110100", "110000", "100000");
        assertThat(REGIONS.rollup("110000")).extracting(Region::code).containsExactly("110000", "100000");
        assertThat(REGIONS.rollup("100000")).extracting(Region::code).containsExactly("100000");
    }

    @Test
    void rollupIsPrecomputedAndImmutable() {
        List<Region> chain = REGIONS.rollup("110105");
        assertThat(REGIONS.rollup("110105")).isSameAs(chain);
        assertThatThrownBy(() -> chain.add(chain.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parentPopulationIsTheSumOfItsChildren() {
        assertThat(ParentSums.mismatches(REGIONS, code -> BigDecimal.valueOf(REGIONS.get(code).population())))
                .isEmpty();
    }

    @Test
    void unknownCodesAreNotKnown() {
        for (String code : new String[] {"999999", "110199", "1101", "", null}) {
            assertThat(REGIONS.isKnown(code)).as(code).isFalse();
            assertThat(REGIONS.get(code)).as(code).isNull();
            assertThat(REGIONS.rollup(code)).as(code).isEmpty();
        }
        assertThat(REGIONS.isKnown("110105")).isTrue();
    }

    @Test
    void survivesJavaSerialisationAsFlinkShipsIt() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(REGIONS);
        }
        RegionDirectory copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RegionDirectory) in.readObject();
        }
        assertThat(copy.all()).isEqualTo(REGIONS.all());
        assertThat(copy.atLevel(RegionLevel.PROVINCE)).isEqualTo(REGIONS.atLevel(RegionLevel.PROVINCE));
        assertThat(copy.rollup("110105")).isEqualTo(REGIONS.rollup("110105"));
    }

    @Test
    void validSmallFileLoads() {
        RegionDirectory small = RegionDirectory.load(new StringReader(VALID), "small.csv");
        assertThat(small.all()).hasSize(4);
        assertThat(small.get("110100").parentCode()).isEqualTo("110000");
        assertThat(small.get("100000").parentCode()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too few fields        | 110106,丰台区,county,110100    | expected 5 fields, got 4
            short code            | 11010,丰台区,county,110100,5   | region code must be six digits
            blank name            | 110106, ,county,110100,5    | region 110106 has no name
            unknown level         | 110106,丰台区,district,110100,5 | unknown level 'district'
            negative population   | 110106,丰台区,county,110100,-5 | population must be a non-negative
            text population       | 110106,丰台区,county,110100,many | population must be a non-negative
            duplicate code        | 110105,朝阳区,county,110100,5  | duplicate region code 110105
            missing parent code   | 110106,丰台区,county,,5        | only the nation has no parent code
            unknown parent        | 110106,丰台区,county,110200,5  | parent 110200 of 110106 is not in the file
            parent at wrong level | 110106,丰台区,county,110000,5  | parent 110000 of county 110106 is a province
            second nation         | 100001,全国,nation,,5         | the nation must be coded 100000
            """)
    void malformedRowIsReportedWithSourceAndLine(String label, String row, String message) {
        assertThatThrownBy(() -> RegionDirectory.load(new StringReader(VALID + row + "\n"), "bad.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad.csv line 6: ")
                .hasMessageContaining(message);
    }

    @Test
    void wrongHeaderAndMissingNationAreReported() {
        assertThatThrownBy(() -> RegionDirectory.load(new StringReader("code,name\n"), "bad.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad.csv line 1: expected header");
        String withoutNation = VALID.replace("100000,全国,nation,,30\n", "");
        assertThatThrownBy(() -> RegionDirectory.load(new StringReader(withoutNation), "bad.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad.csv: no row for the nation (100000)");
    }
}
