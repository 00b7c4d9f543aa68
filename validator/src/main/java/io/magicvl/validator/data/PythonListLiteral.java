package io.magicvl.validator.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Python list-of-strings literals that VLMEvalKit stores in its TSV {@code answer}
 * cells (for example {@code ['CENTRE', "it's"]}), which its scorer reads with {@code eval}.
 */
public final class PythonListLiteral {
    private final String text;
    private int at;

    private PythonListLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text} as a list of string literals.
     *
     * @throws IllegalArgumentException when the text is not such a list
     */
    public static List<String> parse(String text) {
        return new PythonListLiteral(text).list();
    }

    private List<String> list() {
        skipSpace();
        expect('[');
        List<String> values = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            return finish(values);
        }
        while (true) {
            skipSpace();
            values.add(string());
            skipSpace();
            char c = next();
            if (c == ']') {
                return finish(values);
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected ',' or ']' at offset " + (at - 1));
            }
            skipSpace();
            if (peek() == ']') {
                at++;
                return finish(values);
            }
        }
    }

    private List<String> finish(List<String> values) {
        skipSpace();
        if (at != text.length()) {
            throw new IllegalArgumentException("unexpected text after the list at offset " + at);
        }
        return values;
    }

    private String string() {
        char quote = next();
        if (quote != '\'' && quote != '"') {
            throw new IllegalArgumentException("expected a quoted string at offset " + (at - 1));
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case '\\', '\'', '"' -> out.append(e);
                case 'x' -> out.append((char) hex(2));
                case 'u' -> out.append((char) hex(4));
                case 'U' -> out.appendCodePoint(hex(8));
                default -> out.append('\\').append(e);
            }
        }
    }

    private int hex(int digits) {
        if (at + digits > text.length()) {
            throw new IllegalArgumentException("truncated escape at offset " + at);
        }
        int value = Integer.parseUnsignedInt(text.substring(at, at + digits), 16);
        at += digits;
        return value;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end of text");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at offset " + (at - 1));
        }
    }
}
