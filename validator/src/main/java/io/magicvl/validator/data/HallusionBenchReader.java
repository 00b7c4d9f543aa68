package io.magicvl.validator.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.MagicvlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads HallusionBench items from the official {@code HallusionBench.json} or VLMEvalKit's
 * {@code HallusionBench.tsv}.
 */
final class HallusionBenchReader {
    private HallusionBenchReader() {}

    /** Reads the official array; every value is a string except {@code filename}, null for text-only questions. */
    static List<HallusionItem> readJson(Path file) {
        JsonNode root = OcrBenchReader.readTree(file);
        if (!root.isArray()) {
            throw MagicvlException.invalidInput(file + " is not a HallusionBench file: expected a JSON array of items.");
        }
        List<HallusionItem> items = new ArrayList<>(root.size());
        for (int pos = 0; pos < root.size(); pos++) {
            JsonNode node = root.get(pos);
            String where = file + " item " + pos;
            JsonNode filename = node.get("filename");
            ImageRef image = filename == null || filename.isNull() ? ImageRef.none() : ImageRef.file(filename.asText());
            String gt = OcrBenchReader.text(node, "gt_answer", where);
            if (!gt.equals("0") && !gt.equals("1")) {
                throw MagicvlException.invalidInput(where + ": gt_answer must be \"0\" or \"1\", found \"" + gt + "\".");
            }
            JsonNode details = node.get("gt_answer_details");
            items.add(new HallusionItem(
                    pos,
                    OcrBenchReader.text(node, "category", where),
                    OcrBenchReader.text(node, "subcategory", where),
                    visualInput(OcrBenchReader.text(node, "visual_input", where), where),
                    OcrBenchReader.text(node, "set_id", where),
                    OcrBenchReader.text(node, "figure_id", where),
                    OcrBenchReader.text(node, "question_id", where),
                    OcrBenchReader.text(node, "question", where),
                    gt,
                    details == null || details.isNull() ? "" : details.asText(),
                    image));
        }
        return items;
    }

    /**
     * Reads VLMEvalKit's TSV: {@code index}, {@code image}, {@code question}, {@code answer}
     * ({@code Yes}/{@code No}), {@code category} and {@code l2-category}. Like VLMEvalKit, the
     * set, figure and question ids are fields 3, 4 and 5 of the index split on {@code _}. The
     * visual input comes from field 2 when it is 0, 1 or 2, else from the image and figure id.
     */
    static List<HallusionItem> readTsv(TsvTable table) {
        List<HallusionItem> items = new ArrayList<>(table.size());
        for (int row = 0; row < table.size(); row++) {
            String index = table.cell(row, "index");
            String where = table.file() + " row with index " + index;
            String[] parts = index.split("_");
            if (parts.length < 6) {
                throw MagicvlException.invalidInput(where + ": the index must have at least six '_'-separated fields "
                        + "(category_subcategory_visualinput_set_figure_question).");
            }
            String category = table.cell(row, "category");
            String l2 = table.cell(row, "l2-category");
            String subcategory = l2.startsWith(category + "_") ? l2.substring(category.length() + 1) : l2;
            String answer = table.cell(row, "answer");
            String gt = switch (answer) {
                case "Yes" -> "1";
                case "No" -> "0";
                default -> throw MagicvlException.invalidInput(where + ": answer must be Yes or No, found '" + answer + "'.");
            };
            ImageRef image = TsvImages.refFor(table, row);
            String figureId = parts[4];
            int visualInput = switch (parts[2]) {
                case "0" -> 0;
                case "1" -> 1;
                case "2" -> 2;
                default -> derivedVisualInput(category, figureId, image);
            };
            items.add(new HallusionItem(row, category, subcategory, visualInput, parts[3], figureId, parts[5],
                    table.cell(row, "question"), gt, "", image));
        }
        return items;
    }

    private static int derivedVisualInput(String category, String figureId, ImageRef image) {
        if (image.kind() == ImageRef.Kind.NONE) {
            return 0;
        }
        String original = "VS".equals(category) ? "1" : "0";
        return figureId.equals(original) ? 1 : 2;
    }

    private static int visualInput(String value, String where) {
        return switch (value) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            default -> throw MagicvlException.invalidInput(where + ": visual_input must be \"0\", \"1\" or \"2\", found \""
                    + value + "\".");
        };
    }
}
