package cn.hrss.monitor.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Makes a rejected payload safe to store: every run of 17 digits followed by a digit or X (a citizen ID, valid or not)
 * keeps its first 6 and last 4 characters, the rest becomes '*'; the result is cut to a bounded length. Runs only on
 * the rejection path, never for accepted records.
 */
public final class PayloadMasker {
    private PayloadMasker() {}

    public static String mask(byte[] payload, int maxChars) {
        if (payload == null) {
            return "";
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
        int i = 0;
        while (i < text.length() && out.length() < maxChars) {
            int idEnd = citizenIdLikeEnd(text, i);
            if (idEnd > 0) {
                out.append(text, i, i + 6).append("********").append(text, idEnd - 4, idEnd);
                i = idEnd;
            } else {
                // Whole code points, so truncation never splits a surrogate pair.
                int codePoint = text.codePointAt(i);
                out.appendCodePoint(codePoint);
                i += Character.charCount(codePoint);
            }
        }
        if (i < text.length()) {
            out.append("…(truncated ").append(text.length() - i).append(" chars)");
        }
        return out.toString();
    }

    /**
     * @return the end index of an ID-like run (17 digits then a digit or X/x, not glued to further digits) starting at
     *     {@code start}, or -1
     */
    private static int citizenIdLikeEnd(String s, int start) {
        if (start > 0 && isAsciiDigit(s.charAt(start - 1))) {
            return -1;
        }
        int end = start + 18;
        if (end > s.length()) {
            return -1;
        }
        for (int k = start; k < start + 17; k++) {
            if (!isAsciiDigit(s.charAt(k))) {
                return -1;
            }
        }
        char last = s.charAt(start + 17);
        if (!isAsciiDigit(last) && last != 'X' && last != 'x') {
            return -1;
        }
        // A longer digit run is masked too: anything containing 18 consecutive ID characters may be an ID.
        while (end < s.length() && isAsciiDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
