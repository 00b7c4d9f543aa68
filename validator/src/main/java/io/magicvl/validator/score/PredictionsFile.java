package io.magicvl.validator.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON-lines predictions file: one object per line with {@code pos} (the 0-based index of
 * the item in the benchmark file) and usually {@code prediction}; a line without
 * {@code prediction} is a missing prediction. An optional {@code judge} ({@code "0"},
 * {@code "1"} or {@code "2"}) gives the official HallusionBench judge label.
 *
 * <p>A last line without its newline that does not parse is a write cut short by a crash; it
 * is dropped and reported through {@link #tornTail()}. Any other bad line, a position out of
 * range or a position given twice is rejected.
 */
public final class PredictionsFile {
    private final Path file;
    private final Map<Integer, JsonNode> lines;
    private final boolean tornTail;
    private final long validBytes;

    private PredictionsFile(Path file, Map<Integer, JsonNode> lines, boolean tornTail, long validBytes) {
        this.file = file;
        this.lines = lines;
        this.tornTail = tornTail;
        this.validBytes = validBytes;
    }

    /** Reads {@code file}; positions must be below {@code itemCount}. */
    public static PredictionsFile read(Path file, int itemCount) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Predictions file not found: " + file + ".");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Map<Integer, JsonNode> lines = new TreeMap<>();
        Map<Integer, Integer> lineOfPos = new LinkedHashMap<>();
        int start = 0;
        int lineNumber = 0;
        boolean torn = false;
        long valid = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            boolean complete = end < bytes.length;
            String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            JsonNode node = null;
            if (!text.isBlank()) {
                try {
                    node = Json.MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    if (!complete) {
                        torn = true;
                        break;
                    }
                    throw MagicvlException.invalidInput(file + " line " + lineNumber + " is not valid JSON: "
                            + e.getOriginalMessage());
                }
                if (!complete && (node == null || !node.isObject())) {
                    torn = true;
                    break;
                }
                addLine(file, lineNumber, node, itemCount, lines, lineOfPos);
            }
            start = complete ? end + 1 : end;
            valid = start;
        }
        return new PredictionsFile(file, Collections.unmodifiableMap(lines), torn, valid);
    }

    private static void addLine(Path file, int lineNumber, JsonNode node, int itemCount,
            Map<Integer, JsonNode> lines, Map<Integer, Integer> lineOfPos) {
        JsonNode pos = node.get("pos");
        if (!node.isObject() || pos == null || !pos.canConvertToInt() || !pos.isIntegralNumber()) {
            throw MagicvlException.invalidInput(file + " line " + lineNumber
                    + " needs an integer \"pos\" (0-based item index), found: " + node);
        }
        int value = pos.intValue();
        if (value < 0 || value >= itemCount) {
            throw MagicvlException.invalidInput(file + " line " + lineNumber + ": pos " + value
                    + " is outside the benchmark file, which has items 0.." + (itemCount - 1) + ".");
        }
        Integer previous = lineOfPos.put(value, lineNumber);
        if (previous != null) {
            throw MagicvlException.invalidInput(file + " line " + lineNumber + ": pos " + value
                    + " already appeared on line " + previous + "; each item may have one prediction.");
        }
        lines.put(value, node);
    }

    /** Returns the lines by position, in position order. */
    public Map<Integer, JsonNode> lines() {
        return lines;
    }

    /** Returns the predictions by position. */
    public Map<Integer, Prediction> predictions() {
        Map<Integer, Prediction> out = new TreeMap<>();
        lines.forEach((pos, node) -> out.put(pos, Prediction.fromJson(node.get("prediction"))));
        return out;
    }

    /** Returns the official HallusionBench judge labels given in the file, by position. */
    public Map<Integer, String> judgeLabels() {
        Map<Integer, String> out = new TreeMap<>();
        lines.forEach((pos, node) -> {
            JsonNode judge = node.get("judge");
            if (judge != null && !judge.isNull()) {
                String label = judge.asText();
                if (!label.equals("0") && !label.equals("1") && !label.equals("2")) {
                    throw MagicvlException.invalidInput(file + ": judge label of pos " + pos
                            + " must be \"0\", \"1\" or \"2\", found " + judge + ".");
                }
                out.put(pos, label);
            }
        });
        return out;
    }

    /** Returns whether a cut-off last line was dropped. */
    public boolean tornTail() {
        return tornTail;
    }

    /** Returns the length of the file up to the end of the last complete line. */
    public long validBytes() {
        return validBytes;
    }

    /** Returns the file. */
    public Path file() {
        return file;
    }
}
