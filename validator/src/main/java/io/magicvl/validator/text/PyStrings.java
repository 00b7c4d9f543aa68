package io.magicvl.validator.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python 3 string semantics that the benchmark scorers depend on: {@code str.isspace},
 * {@code strip()}, {@code split()} and {@code lower()}.
 *
 * <p>Java's {@code trim()}, {@code strip()}, {@code Character.isWhitespace} and regex
 * {@code \s} each disagree with Python on some characters (no-break spaces, U+001C..U+001F,
 * control characters), so the scorers must not use them.
 */
public final class PyStrings {
    private PyStrings() {}

    /**
     * Returns whether Python's {@code str.isspace()} is true for {@code c}: the characters with
     * bidirectional type WS, B or S, or general category Zs.
     */
    public static boolean isSpace(int c) {
        if (c >= 0x09 && c <= 0x0D) {
            return true;
        }
        if (c >= 0x1C && c <= 0x20) {
            return true;
        }
        switch (c) {
            case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }

    /** Returns {@code s} without leading and trailing Python whitespace, like {@code str.strip()}. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Splits on runs of Python whitespace and drops empty pieces, like {@code str.split()}. */
    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }

    /**
     * Lower-cases like Python's {@code str.lower()}: the full Unicode mapping without case
     * folding (İ becomes i + U+0307, a word-final Σ becomes ς, ß stays ß). {@link Locale#ROOT}
     * keeps a Turkish or Lithuanian default locale from changing the result.
     */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Returns the number of code points, which is what Python's {@code len()} counts. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
