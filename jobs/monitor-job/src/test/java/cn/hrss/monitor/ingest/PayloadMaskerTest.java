package cn.hrss.monitor.ingest;

import static cn.hrss.monitor.ingest.TestRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadMaskerTest {

    private static String mask(String text) {
        return PayloadMasker.mask(utf8(text), 10_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"personId\":\"440524188001010014\"}|{\"personId\":\"440524********0014\"}",
        "11010519491231002X|110105********002X",
        "11010519491231002x|110105********002x",
        "id=11010519491231002X;|id=110105********002X;",
        "abc440524188001010014def|abc440524********0014def",
        "张三440524188001010014朝阳区|张三440524********0014朝阳区",
        // A check character that is wrong is still an ID to hide.
        "440524188001010015|440524********0015",
        "a 440524188001010014 b 11010519491231002X c|a 440524********0014 b 110105********002X c",
        "440524188001010014,11010519491231002X|440524********0014,110105********002X",
        // Longer digit runs (a card number, an ID glued to digits) are masked as a whole.
        "12345678901234567890|123456********7890",
        "0440524188001010014|044052********0014",
        "11010519491231002X123|110105********X123"
    })
    void masksCitizenIdLikeRuns(String input, String expected) {
        assertThat(mask(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "１440524188001010014|１440524********0014",
        "\u0663440524188001010014|\u0663440524********0014",
        "No.٣440524188001010014|No.٣440524********0014"
    })
    void idAfterANonAsciiDigitIsStillMasked(String input, String expected) {
        // Only ASCII digits extend a run: a full-width or Arabic-Indic digit in front must not hide the ID from the mask.
        assertThat(mask(input)).isEqualTo(expected).doesNotContain("440524188001010014");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // A JSON reader decodes these to 440524188001010014: the mask must see the same ID.
        "{\"idNumber\":\"\\u00344\\u0030524188001010014\"}|{\"idNumber\":\"\\u00344\\u0030524********0014\"}",
        "\\u0034\\u0034\\u0030\\u0035\\u0032\\u0034\\u0031\\u0038\\u0038\\u0030\\u0030\\u0031\\u0030\\u0031"
            + "\\u0030\\u0030\\u0031\\u0034|\\u0034\\u0034\\u0030\\u0035\\u0032\\u0034********"
            + "\\u0030\\u0030\\u0031\\u0034",
        "11010519491231002\\u0058|110105********002\\u0058",
        "44052418800101001\\u0034 and \\u00E9|440524********001\\u0034 and \\u00E9"
    })
    void idsSpeltWithJsonEscapesAreMasked(String input, String expected) {
        assertThat(mask(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u003", "1234567890123456\\u003", "12345678901234567\\u0059", "\\u１２３４",
        "1234567890123456\\u0033Z"})
    void brokenOrNonDigitEscapesAreLeftAlone(String input) {
        assertThat(mask(input)).isEqualTo(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12345678901234567",
        "1234567890123456X",
        "12345678901234567A",
        "12345678901234567Y",
        "1101051949123100２X",
        "110105-19491231-002X",
        "{\"amount\":\"12345678901234.99\"}",
        "plain text 2026-07-01T09:30:00+08:00"
    })
    void leavesOtherTextAlone(String input) {
        assertThat(mask(input)).isEqualTo(input);
    }

    @Test
    void nullAndEmptyPayloads() {
        assertThat(PayloadMasker.mask(null, 100)).isEmpty();
        assertThat(PayloadMasker.mask(new byte[0], 100)).isEmpty();
    }

    @Test
    void truncatesWithAMarker() {
        assertThat(PayloadMasker.mask(utf8("a".repeat(100)), 10)).isEqualTo("a".repeat(10) + "…(truncated 90 chars)");
        assertThat(PayloadMasker.mask(utf8("a".repeat(10)), 10)).isEqualTo("a".repeat(10));
        assertThat(PayloadMasker.mask(utf8("汉".repeat(20)), 5)).isEqualTo("汉".repeat(5) + "…(truncated 15 chars)");
    }

    @Test
    void anIdAtTheTruncationPointIsMaskedWholeNeverCutInClear() {
        String id = "440524188001010014";
        for (int limit = 1; limit <= 30; limit++) {
            String masked = PayloadMasker.mask(utf8("abcde" + id + "xyz"), limit);
            assertThat(masked).as("limit %d", limit)
                    .doesNotContain(id.substring(6, 14))
                    .doesNotContain(id.substring(0, 7));
        }
        assertThat(PayloadMasker.mask(utf8("abcde" + id + "xyz"), 6)).isEqualTo("abcde440524********0014…(truncated 3 chars)");
    }

    @Test
    void truncationKeepsSurrogatePairsWhole() {
        // A lone surrogate is not valid UTF-16: it turns into '?' or an encoder error once the payload is written out.
        String masked = PayloadMasker.mask(utf8("😀😀😀"), 1);
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < masked.length() && Character.isLowSurrogate(masked.charAt(i + 1)))
                        .as("high surrogate at %d of %s is followed by its low surrogate", i, masked).isTrue();
            }
        }
    }

    @Test
    void invalidUtf8DoesNotThrowAndStillMasks() {
        byte[] id = utf8("440524188001010014");
        byte[] payload = new byte[id.length + 6];
        payload[0] = (byte) 0xC3; // lead byte followed by a non-continuation byte
        payload[1] = (byte) 0x28;
        System.arraycopy(id, 0, payload, 2, id.length);
        payload[id.length + 2] = (byte) 0xFF;
        payload[id.length + 3] = (byte) 0xFE;
        payload[id.length + 4] = (byte) 0xE6; // truncated 3-byte sequence
        payload[id.length + 5] = (byte) 0x88;

        String masked = PayloadMasker.mask(payload, 100);

        assertThat(masked).contains("440524********0014").doesNotContain("440524188001010014").contains("\uFFFD");
    }

    @Test
    void allByteValuesAndEveryLimitNeverThrow() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        for (int limit = 0; limit < 300; limit += 13) {
            String masked = PayloadMasker.mask(all, limit);
            assertThat(masked.length()).isLessThanOrEqualTo(Math.max(limit, 0) + 40);
        }
    }

    @Test
    void maskedOutputOfASupplementaryCharacterIsNotSplitWhenItFits() {
        String text = "😀440524188001010014😀";
        assertThat(PayloadMasker.mask(text.getBytes(StandardCharsets.UTF_8), 100))
                .isEqualTo("😀440524********0014😀");
    }
}
