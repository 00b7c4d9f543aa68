package io.magicvl.validator.score;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One prediction as a predictions file gives it. Besides text, the value may be absent (no
 * line, or a line without {@code prediction}), JSON null, a number or a boolean, because the
 * official scripts treat those differently (the OCRBench script skips a missing prediction or
 * the number 0, and fails on null).
 */
public record Prediction(Kind kind, String text, Number numberValue, boolean booleanValue) {
    /** The kind of JSON value the prediction was. */
    public enum Kind {
        ABSENT,
        NULL,
        TEXT,
        NUMBER,
        BOOLEAN
    }

    private static final Prediction ABSENT = new Prediction(Kind.ABSENT, null, null, false);
    private static final Prediction NULL = new Prediction(Kind.NULL, null, null, false);

    /** Returns the prediction of an item that has none. */
    public static Prediction absent() {
        return ABSENT;
    }

    /** Returns a text prediction. */
    public static Prediction text(String text) {
        return new Prediction(Kind.TEXT, text, null, false);
    }

    /** Converts a JSON value (null reference for a missing key) into a prediction. */
    public static Prediction fromJson(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return ABSENT;
        }
        if (node.isNull()) {
            return NULL;
        }
        if (node.isTextual()) {
            return text(node.textValue());
        }
        if (node.isNumber()) {
            return new Prediction(Kind.NUMBER, null, node.numberValue(), false);
        }
        if (node.isBoolean()) {
            return new Prediction(Kind.BOOLEAN, null, null, node.booleanValue());
        }
        return text(node.toString());
    }

    /** Returns whether the value compares equal to Python's {@code 0} (0, 0.0 or false). */
    public boolean equalsPythonZero() {
        return switch (kind) {
            case NUMBER -> numberValue.doubleValue() == 0.0;
            case BOOLEAN -> !booleanValue;
            default -> false;
        };
    }

    /** Returns whether there is a text prediction. */
    public boolean isText() {
        return kind == Kind.TEXT;
    }
}
