package io.magicvl.release.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects schema problems while walking a JSON tree. Each problem names the JSON Pointer
 * of the value, what was expected and what was found.
 */
final class JsonChecker {
    private final List<String> problems = new ArrayList<>();

    List<String> problems() {
        return problems;
    }

    void problem(String pointer, String message) {
        problems.add((pointer.isEmpty() ? "/" : pointer) + ": " + message);
    }

    /** Returns the member if present (null JSON included), else records it as missing. */
    JsonNode required(JsonNode object, String pointer, String key) {
        JsonNode value = object.get(key);
        if (value == null) {
            problem(pointer + "/" + key, "required key is missing");
        }
        return value;
    }

    /** Returns the member as an object, or null after recording a problem. */
    JsonNode object(JsonNode parent, String pointer, String key, boolean nullable) {
        JsonNode value = required(parent, pointer, key);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (!value.isObject()) {
            problem(pointer + "/" + key, "expected an object" + (nullable ? " or null" : "") + ", found " + describe(value));
            return null;
        }
        return value;
    }

    /** Returns the member as an array, or null after recording a problem. */
    JsonNode array(JsonNode parent, String pointer, String key, boolean nullable) {
        JsonNode value = required(parent, pointer, key);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (!value.isArray()) {
            problem(pointer + "/" + key, "expected an array" + (nullable ? " or null" : "") + ", found " + describe(value));
            return null;
        }
        return value;
    }

    /** Checks a required string member (non-empty unless null is allowed and given). */
    String string(JsonNode parent, String pointer, String key, boolean nullable) {
        JsonNode value = required(parent, pointer, key);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            problem(pointer + "/" + key, "expected a non-empty string" + (nullable ? " or null" : "")
                    + ", found " + describe(value));
            return null;
        }
        return value.asText();
    }

    /** Checks a required SHA-256 hex member. */
    void sha256(JsonNode parent, String pointer, String key, boolean nullable) {
        String value = string(parent, pointer, key, nullable);
        if (value != null && !value.matches("[0-9a-f]{64}")) {
            problem(pointer + "/" + key, "expected a SHA-256 digest (64 lowercase hex digits), found \"" + value + "\"");
        }
    }

    /** Checks a required integer member that is at least {@code min}; returns it or null. */
    Long integer(JsonNode parent, String pointer, String key, boolean nullable, long min) {
        JsonNode value = required(parent, pointer, key);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            problem(pointer + "/" + key, "expected an integer" + (nullable ? " or null" : "") + ", found " + describe(value));
            return null;
        }
        if (value.asLong() < min) {
            problem(pointer + "/" + key, "expected at least " + min + ", found " + value.asLong());
        }
        return value.asLong();
    }

    /** Checks a required boolean member. */
    void bool(JsonNode parent, String pointer, String key) {
        JsonNode value = required(parent, pointer, key);
        if (value != null && !value.isBoolean()) {
            problem(pointer + "/" + key, "expected true or false, found " + describe(value));
        }
    }

    /** Checks a required number member (integer or decimal). */
    void number(JsonNode parent, String pointer, String key, boolean nullable) {
        JsonNode value = required(parent, pointer, key);
        if (value == null || (nullable && value.isNull())) {
            return;
        }
        if (!value.isNumber()) {
            problem(pointer + "/" + key, "expected a number" + (nullable ? " or null" : "") + ", found " + describe(value));
        }
    }

    /** Describes a JSON value's type for a message, with the value when it is short. */
    static String describe(JsonNode value) {
        String text = value.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}
