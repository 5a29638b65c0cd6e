package cn.hrss.monitor.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Makes a rejected payload safe to store: every run of 17 digits followed by a digit or X (a citizen ID, valid or not)
 * keeps its first 6 and last 4 characters, the rest becomes '*'; the result is cut to a bounded length. A JSON
 * {@code \\uXXXX} escape counts as the character it stands for, so an ID spelt with escapes (which a JSON reader
 * decodes to the same ID) is masked too. Runs only on the rejection path, never for accepted records.
 */
public final class PayloadMasker {
    private static final int ID_CHARACTERS = 18;

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
                int keptHead = skip(text, i, 6);
                int keptTail = skip(text, i, characters(text, i, idEnd) - 4);
                out.append(text, i, keptHead).append("********").append(text, keptTail, idEnd);
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
        int at = start;
        for (int k = 0; k < ID_CHARACTERS - 1; k++) {
            if (at >= s.length() || !isAsciiDigit(charAt(s, at))) {
                return -1;
            }
            at += width(s, at);
        }
        if (at >= s.length()) {
            return -1;
        }
        char last = charAt(s, at);
        if (!isAsciiDigit(last) && last != 'X' && last != 'x') {
            return -1;
        }
        at += width(s, at);
        // A longer digit run is masked too: anything containing 18 consecutive ID characters may be an ID.
        while (at < s.length() && isAsciiDigit(charAt(s, at))) {
            at += width(s, at);
        }
        return at;
    }

    /** The character at {@code i}: the one a {@code \\uXXXX} escape there stands for, else the char itself. */
    private static char charAt(String s, int i) {
        return width(s, i) == 6 ? (char) Integer.parseInt(s, i + 2, i + 6, 16) : s.charAt(i);
    }

    /** 6 for a {@code \\uXXXX} escape at {@code i}, else 1. */
    private static int width(String s, int i) {
        if (s.charAt(i) != '\\' || i + 6 > s.length() || s.charAt(i + 1) != 'u') {
            return 1;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (Character.digit(s.charAt(k), 16) < 0 || s.charAt(k) > 'f') {
                return 1;
            }
        }
        return 6;
    }

    private static int skip(String s, int i, int characters) {
        for (int k = 0; k < characters; k++) {
            i += width(s, i);
        }
        return i;
    }

    private static int characters(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i += width(s, i)) {
            n++;
        }
        return n;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
