package cn.hrss.monitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierChecksTest {

    // ---- citizen ID, GB 11643 / ISO 7064 MOD 11-2 -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "11010519491231002X", "440524188001010014", "110105194912310029", "110105194912310021", "000000000000000001",
        "999999999999999999", "65010119700101555X", "330106200012120000"
    })
    void agreesWithTheStandardComputedFromItsDefinition(String id) {
        // Recomputed from the definition (weights 2^(17-i) mod 11), so the test does not trust the production tables.
        assertThat(IdentifierChecks.isValidCitizenId(id)).isEqualTo(handCheckChar(id) == id.charAt(17));
    }

    @Test
    void standardExamplesAreValid() {
        assertThat(IdentifierChecks.isValidCitizenId("11010519491231002X")).isTrue();
        assertThat(IdentifierChecks.isValidCitizenId("440524188001010014")).isTrue();
        assertThat(IdentifierChecks.citizenIdCheckChar("11010519491231002")).isEqualTo('X');
        assertThat(IdentifierChecks.citizenIdCheckChar("44052418800101001")).isEqualTo('4');
    }

    @Test
    void exactlyOneCheckCharacterFitsEachBody() {
        String[] bodies = {"11010519491231002", "44052418800101001", "00000000000000000", "99999999999999999",
            "11010519900307123", "65010119700101555"};
        for (String body : bodies) {
            int valid = 0;
            for (char c : "0123456789X".toCharArray()) {
                if (IdentifierChecks.isValidCitizenId(body + c)) {
                    valid++;
                    assertThat(c).as(body).isEqualTo(handCheckChar(body)).isEqualTo(IdentifierChecks.citizenIdCheckChar(body));
                }
            }
            assertThat(valid).as(body).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "11010519491231002x", // lower-case check character is not the contract's form
        "110105194912310021", // wrong check character
        "440524188001010015",
        "11010519491231002",  // 17 characters
        "11010519491231002X0", // 19 characters
        "1101051949123100AX", // letter in the body
        "１1010519491231002X", // full-width digit
        "11010519491231002 ",
        "XXXXXXXXXXXXXXXXXX"
    })
    void invalidCitizenIds(String id) {
        assertThat(IdentifierChecks.isValidCitizenId(id)).isFalse();
    }

    @Test
    void swappingTwoDigitsIsDetected() {
        String id = "440524188001010014";
        // MOD 11-2 detects all transpositions of adjacent different digits.
        for (int i = 0; i < 16; i++) {
            if (id.charAt(i) != id.charAt(i + 1)) {
                String swapped = id.substring(0, i) + id.charAt(i + 1) + id.charAt(i) + id.substring(i + 2);
                assertThat(IdentifierChecks.isValidCitizenId(swapped)).as(swapped).isFalse();
            }
        }
    }

    /** ISO 7064 MOD 11-2 from its definition: weights 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, 10 = X. */
    private static char handCheckChar(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int weight = 1;
            for (int k = 0; k < 17 - i; k++) {
                weight = weight * 2 % 11;
            }
            sum += (id.charAt(i) - '0') * weight;
        }
        int check = (12 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    // ---- unified social credit code, GB 32100 / GB/T 17710 MOD 31 ---------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "91350100M000100Y43", // the example from GB 32100-2015
        "91110000600037341L",
        "91440300708461136T",
        "9111000071093123XX", // check character X is a letter of the charset
    })
    void validUsccs(String code) {
        assertThat(IdentifierChecks.isValidUscc(code)).isTrue();
        assertThat(IdentifierChecks.usccCheckChar(code.substring(0, 17))).isEqualTo(code.charAt(17))
                .isEqualTo(handUsccCheckChar(code));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "91350100M000100Y44", // wrong check character
        "91350100M000100Y4",  // 17 characters
        "91350100M000100Y430", // 19 characters
        "91350100m000100Y43", // lower case
        "91350100I000100Y43", // I is not in the charset
        "91350100O000100Y43",
        "91350100S000100Y43",
        "91350100V000100Y43",
        "91350100Z000100Y43",
        "91350100M000100Y4I",
        "91350100M000100Y4-"
    })
    void invalidUsccs(String code) {
        assertThat(IdentifierChecks.isValidUscc(code)).isFalse();
    }

    @Test
    void exactlyOneCheckCharacterFitsEachUsccBody() {
        String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (String body : new String[] {"91350100M000100Y4", "91110105MA01ABCD1", "00000000000000000", "YY000000YYYYYYYYY"}) {
            int valid = 0;
            for (char c : charset.toCharArray()) {
                if (IdentifierChecks.isValidUscc(body + c)) {
                    valid++;
                    assertThat(c).isEqualTo(IdentifierChecks.usccCheckChar(body)).isEqualTo(handUsccCheckChar(body + c));
                }
            }
            assertThat(valid).as(body).isEqualTo(1);
        }
    }

    /** GB/T 17710 MOD 31-3 as GB 32100 uses it: weights 3^i mod 31, check value 31 - (sum mod 31), 31 -> 0. */
    private static char handUsccCheckChar(String code) {
        String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += charset.indexOf(code.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return charset.charAt((31 - sum % 31) % 31);
    }
}
