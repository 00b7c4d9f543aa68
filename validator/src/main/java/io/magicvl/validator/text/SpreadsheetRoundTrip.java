package io.magicvl.validator.text;

import io.magicvl.validator.score.Prediction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text VLMEvalKit's scorer compares after it writes predictions to an {@code .xlsx} file and
 * reads them back ({@code vlmeval.smp.dump} with xlsxwriter, then pandas {@code read_excel}
 * with openpyxl; behaviour of xlsxwriter 3.0.2, openpyxl 3.0.9 and pandas 1.5.3), followed
 * by {@code str()}.
 *
 * <ul>
 *   <li>A missing, null or empty prediction becomes a blank cell, read back as NaN:
 *       {@code "nan"}. So do pandas' default NA tokens such as {@code N/A} and {@code NULL}.
 *   <li>A cell holds at most 32,767 characters; longer text is cut.
 *   <li>Control characters are stored as {@code _xHHHH_} and openpyxl does not decode them,
 *       so {@code \r} comes back as the text {@code _x000D_}; a literal {@code _xHHHH_} gets
 *       an {@code _x005F} prefix.
 *   <li>When every cell of the column looks numeric, pandas turns the column into numbers:
 *       {@code "203.00"} comes back as {@code 203.0}. This is a property of the whole file.
 * </ul>
 */
public final class SpreadsheetRoundTrip {
    /** Excel's cell limit, counted in Python characters (code points). */
    public static final int MAX_CELL_CHARS = 32_767;

    /** pandas 1.5.3 default NA strings for {@code read_excel}. */
    private static final Set<String> NA_TOKENS = Set.of(
            "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
            "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null");

    private static final Pattern ESCAPE_LIKE = Pattern.compile("(_x[0-9a-fA-F]{4}_)");
    private static final Pattern NUMERIC = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(inf|Inf|INF|infinity|Infinity)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private SpreadsheetRoundTrip() {}

    /** Returns, for each prediction of one file in order, the text VLMEvalKit's matcher compares. */
    public static List<String> apply(List<Prediction> column) {
        List<Object> cells = new ArrayList<>(column.size());
        for (Prediction prediction : column) {
            cells.add(writeAndRead(prediction));
        }
        if (allNumeric(cells)) {
            return coerceToNumbers(cells);
        }
        List<String> out = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            if (cell == null) {
                out.add("nan");
            } else if (cell instanceof String text) {
                out.add(text);
            } else {
                out.add(pythonStr((Number) cell));
            }
        }
        return out;
    }

    /** Returns the cell read back: null for NaN, a String, or a Number for numeric JSON values. */
    private static Object writeAndRead(Prediction prediction) {
        switch (prediction.kind()) {
            case ABSENT, NULL:
                return null;
            case BOOLEAN:
                // xlsxwriter stores a bool cell; pandas reads it back as True/False.
                return prediction.booleanValue() ? "True" : "False";
            case NUMBER:
                return prediction.numberValue();
            default:
                break;
        }
        String text = prediction.text();
        if (PyStrings.length(text) > MAX_CELL_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_CELL_CHARS));
        }
        // NOTE: xlsxwriter also turns text starting with '=' into a formula and a URL-like text
        // into a link; neither is reproduced, so such predictions may differ from VLMEvalKit's.
        text = escapeControlCharacters(text);
        if (NA_TOKENS.contains(text)) {
            return null;
        }
        return text;
    }

    /** Applies xlsxwriter's escaping of control characters and non-characters in shared strings. */
    static String escapeControlCharacters(String text) {
        Matcher literal = ESCAPE_LIKE.matcher(text);
        String escaped = literal.replaceAll("_x005F$1");
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            boolean control = (c <= 0x08) || (c >= 0x0B && c <= 0x1F);
            if (control || c == '\uFFFE' || c == '\uFFFF') {
                out.append(String.format("_x%04X_", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean allNumeric(List<Object> cells) {
        boolean any = false;
        for (Object cell : cells) {
            if (cell == null) {
                continue;
            }
            if (cell instanceof String s && !NUMERIC.matcher(s).matches()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static List<String> coerceToNumbers(List<Object> cells) {
        boolean integers = true;
        for (Object cell : cells) {
            boolean integral = cell instanceof String s
                    ? INTEGER.matcher(s).matches()
                    : cell instanceof Long || cell instanceof Integer || cell instanceof java.math.BigInteger;
            if (cell == null || !integral) {
                integers = false;
            }
        }
        List<String> out = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            if (cell == null) {
                out.add("nan");
            } else if (integers) {
                out.add(new BigDecimal(cell.toString()).toBigInteger().toString());
            } else {
                out.add(pythonFloatRepr(toDouble(cell)));
            }
        }
        return out;
    }

    private static double toDouble(Object cell) {
        if (cell instanceof Number n) {
            return n.doubleValue();
        }
        String s = ((String) cell).toLowerCase(java.util.Locale.ROOT);
        if (s.contains("inf")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    /** Returns Python's {@code str()} of a JSON number as pandas stores it (int or float). */
    private static String pythonStr(Number number) {
        if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
            return pythonFloatRepr(number.doubleValue());
        }
        return number.toString();
    }

    /**
     * Formats a double like Python's {@code repr(float)}: the shortest digits, fixed notation
     * for exponents from -4 to 15 with a trailing {@code .0} when integral, scientific
     * ({@code 1e+16}, {@code 1.5e-05}) otherwise.
     */
    public static String pythonFloatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        // NOTE: Double.toString in Java 17 is not always the shortest round-trip form (fixed
        // in Java 19), so a rare value may print one digit longer than Python would.
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = decimal.signum() < 0 ? "-" : "";
        String exponentText = (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + exponentText;
    }
}
