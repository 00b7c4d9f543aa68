package io.magicvl.validator.score;

import io.magicvl.validator.data.OcrBenchItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OCRBench results: per-item correctness, the sum per type, the Text Recognition group and
 * the Final Score (the number of correct items; out of 1000 on the full benchmark).
 *
 * @param perType correct items per type, in the benchmark's type order, then any other types
 * @param itemsPerType items per type (the maximum of each sum)
 * @param officialDatasetReport what the official script prints instead of the type sums when
 *     the file does not have exactly 1000 items; null in VLMEvalKit mode
 */
public record OcrBenchScore(
        ScoringMode mode,
        List<ItemScore> items,
        Map<String, Integer> perType,
        Map<String, Integer> itemsPerType,
        int textRecognition,
        int finalScore,
        OfficialDatasetReport officialDatasetReport) {

    /** The ten types in the order the official script prints them; the first six form Text Recognition. */
    public static final List<String> TYPES = List.of(
            "Regular Text Recognition",
            "Irregular Text Recognition",
            "Artistic Text Recognition",
            "Handwriting Recognition",
            "Digit String Recognition",
            "Non-Semantic Text Recognition",
            "Scene Text-centric VQA",
            "Doc-oriented VQA",
            "Key Information Extraction",
            "Handwritten Mathematical Expression Recognition");

    static OcrBenchScore of(ScoringMode mode, List<OcrBenchItem> items, List<ItemScore> results) {
        Map<String, Integer> perType = new LinkedHashMap<>();
        Map<String, Integer> itemsPerType = new LinkedHashMap<>();
        for (String type : TYPES) {
            perType.put(type, 0);
            itemsPerType.put(type, 0);
        }
        for (ItemScore result : results) {
            perType.merge(result.category(), result.counted() && result.correct() ? 1 : 0, Integer::sum);
            itemsPerType.merge(result.category(), 1, Integer::sum);
        }
        int recognition = 0;
        for (String type : TYPES.subList(0, 6)) {
            recognition += perType.get(type);
        }
        int total = 0;
        for (int value : perType.values()) {
            total += value;
        }
        OfficialDatasetReport report = mode == ScoringMode.OFFICIAL ? OfficialDatasetReport.of(items, results) : null;
        return new OcrBenchScore(mode, List.copyOf(new ArrayList<>(results)), perType, itemsPerType, recognition, total, report);
    }

    /** Returns the number of items. */
    public int itemCount() {
        return items.size();
    }

    /** Returns {@code Final Score / 10}, which VLMEvalKit reports as {@code Final Score Norm}. */
    public double finalScoreNorm() {
        return finalScore / 10.0;
    }
}
