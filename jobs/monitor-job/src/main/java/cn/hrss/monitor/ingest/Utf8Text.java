package cn.hrss.monitor.ingest;

/**
 * Strict checks of record text that Jackson leaves out: it accepts overlong UTF-8 forms and sequences above U+10FFFF,
 * and detects UTF-16 and UTF-32 on its own, while the contract (RFC 8259 between systems) is UTF-8 only. A payload
 * that is not UTF-8 would also escape {@link PayloadMasker}, which reads it as UTF-8. Allocation-free: runs per record.
 */
final class Utf8Text {
    private Utf8Text() {}

    /**
     * @return true if {@code bytes} are well-formed UTF-8 (RFC 3629: shortest form, no surrogates, at most U+10FFFF)
     *     without a NUL byte. JSON has no raw NUL, while every ASCII character in UTF-16 or UTF-32 has one.
     */
    static boolean isJsonText(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x01 && b <= 0x7F) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false; // NUL, a continuation byte, an overlong lead (C0, C1) or F5..FF
            }
            if (i + extra >= n) {
                return false; // cut off mid-character
            }
            int cp = b & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }

    /** @return true if {@code s} holds a UTF-16 surrogate that is not part of a pair */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
