package io.magicvl.validator.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads OCRBench items from the official {@code OCRBench.json} or VLMEvalKit's {@code OCRBench.tsv}. */
final class OcrBenchReader {
    private OcrBenchReader() {}

    /**
     * Reads the official array of {@code {dataset_name, id, image_path, question, answers, type}}
     * objects, where {@code answers} is a string or a list of strings.
     */
    static List<OcrBenchItem> readJson(Path file) {
        JsonNode root = readTree(file);
        if (!root.isArray()) {
            throw MagicvlException.invalidInput(file + " is not an OCRBench file: expected a JSON array of items.");
        }
        List<OcrBenchItem> items = new ArrayList<>(root.size());
        for (int pos = 0; pos < root.size(); pos++) {
            JsonNode node = root.get(pos);
            String where = file + " item " + pos;
            List<String> answers = new ArrayList<>();
            JsonNode answerNode = node.get("answers");
            if (answerNode != null && answerNode.isTextual()) {
                answers.add(answerNode.textValue());
            } else if (answerNode != null && answerNode.isArray()) {
                for (JsonNode answer : answerNode) {
                    if (!answer.isTextual()) {
                        throw MagicvlException.invalidInput(where + ": every element of 'answers' must be a string, found "
                                + answer + ".");
                    }
                    answers.add(answer.textValue());
                }
            } else {
                throw MagicvlException.invalidInput(where + ": 'answers' must be a string or a list of strings, found "
                        + answerNode + ".");
            }
            JsonNode id = node.get("id");
            items.add(new OcrBenchItem(
                    pos,
                    text(node, "dataset_name", where),
                    id == null || id.isNull() ? String.valueOf(pos) : id.asText(),
                    text(node, "question", where),
                    List.copyOf(answers),
                    text(node, "type", where),
                    ImageRef.file(text(node, "image_path", where))));
        }
        return items;
    }

    /**
     * Reads VLMEvalKit's TSV: {@code index}, {@code image}, {@code question}, {@code answer} (a
     * Python list literal) and {@code category}; {@code dataset_name} or {@code dataset} when
     * present.
     */
    static List<OcrBenchItem> readTsv(TsvTable table) {
        List<OcrBenchItem> items = new ArrayList<>(table.size());
        String datasetColumn = table.hasColumn("dataset_name") ? "dataset_name"
                : table.hasColumn("dataset") ? "dataset" : null;
        for (int row = 0; row < table.size(); row++) {
            String index = table.cell(row, "index");
            String answerCell = table.cell(row, "answer");
            List<String> answers;
            try {
                answers = PythonListLiteral.parse(answerCell);
            } catch (IllegalArgumentException e) {
                throw MagicvlException.invalidInput(table.file() + " row with index " + index
                        + ": the answer cell must be a Python list literal such as ['CENTRE'] ("
                        + e.getMessage() + "), found: " + answerCell);
            }
            items.add(new OcrBenchItem(
                    row,
                    datasetColumn == null ? null : table.cell(row, datasetColumn),
                    index,
                    table.cell(row, "question"),
                    List.copyOf(answers),
                    table.cell(row, "category"),
                    TsvImages.refFor(table, row)));
        }
        return items;
    }

    static JsonNode readTree(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot parse " + file + " as JSON: " + e.getMessage(), e);
        }
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw MagicvlException.invalidInput(where + ": missing field '" + field + "'.");
        }
        return value.asText();
    }
}
