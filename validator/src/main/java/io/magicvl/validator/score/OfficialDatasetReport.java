package io.magicvl.validator.score;

import io.magicvl.validator.data.OcrBenchItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output MultimodalOCR's OCRBench script prints when the file does not have exactly 1000
 * records: accuracy per {@code dataset_name} over its 30 built-in names, in their order, with
 * every record counted in the denominator (skipped ones too). The script stops with a
 * {@code KeyError} on a name outside its list, or with a {@code ZeroDivisionError} at the first
 * listed name that has no records; {@code error} records that, and {@code lines} what it
 * printed before.
 *
 * @param applies false when the file has exactly 1000 records (the script prints type sums)
 */
public record OfficialDatasetReport(boolean applies, List<String> lines, Map<String, Double> accuracy, String error) {

    /** The dataset names built into the official script, in its order. */
    public static final List<String> DATASET_NAMES = List.of(
            "IIIT5K", "svt", "IC13_857", "IC15_1811", "svtp", "ct80", "cocotext", "ctw", "totaltext", "HOST",
            "WOST", "WordArt", "IAM", "ReCTS", "ORAND", "NonSemanticText", "SemanticText", "STVQA", "textVQA",
            "ocrVQA", "ESTVQA", "ESTVQA_cn", "docVQA", "infographicVQA", "ChartQA", "ChartQA_Human", "FUNSD",
            "SROIE", "POIE", "HME100k");

    static OfficialDatasetReport of(List<OcrBenchItem> items, List<ItemScore> results) {
        if (items.size() == 1000) {
            return new OfficialDatasetReport(false, List.of(), Map.of(), null);
        }
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, Integer> correct = new LinkedHashMap<>();
        for (String name : DATASET_NAMES) {
            count.put(name, 0);
            correct.put(name, 0);
        }
        for (int i = 0; i < items.size(); i++) {
            String name = items.get(i).datasetName();
            if (!count.containsKey(name)) {
                return new OfficialDatasetReport(true, List.of(), Map.of(), "KeyError: '" + name + "'");
            }
            count.merge(name, 1, Integer::sum);
            ItemScore result = results.get(i);
            if (result.counted() && result.correct()) {
                correct.merge(name, 1, Integer::sum);
            }
        }
        Map<String, Double> accuracy = new LinkedHashMap<>();
        List<String> lines = new java.util.ArrayList<>();
        for (String name : DATASET_NAMES) {
            if (count.get(name) == 0) {
                return new OfficialDatasetReport(true, List.copyOf(lines), accuracy, "ZeroDivisionError: float division by zero");
            }
            double value = correct.get(name) / (double) count.get(name);
            accuracy.put(name, value);
            lines.add(name + ": " + io.magicvl.validator.text.SpreadsheetRoundTrip.pythonFloatRepr(value));
        }
        return new OfficialDatasetReport(true, List.copyOf(lines), accuracy, null);
    }
}
