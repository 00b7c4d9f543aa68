package io.magicvl.validator.compare;

import java.util.List;
import java.util.Map;

/**
 * A paired comparison of two runs of the same benchmark items.
 *
 * @param metrics every reported metric: baseline, candidate and the delta (candidate minus
 *     baseline) with its bootstrap interval
 * @param perCategory deltas per category (OCRBench type; HallusionBench category and
 *     category_subcategory with each of aAcc, fAcc, qAcc)
 * @param flipped items whose correctness differs between the runs
 */
public record ComparisonResult(
        String bench,
        String mode,
        RunSide baseline,
        RunSide candidate,
        int items,
        CompareSettings settings,
        Map<String, MetricDelta> metrics,
        McNemar mcnemar,
        List<CategoryDelta> perCategory,
        List<FlippedItem> flipped,
        List<GateResult> gates) {

    /** One run of the comparison. */
    public record RunSide(String runDir, String exportDir, String exportSha256, String imagesDir) {}

    /** One metric: values of both runs and the delta with its interval. */
    public record MetricDelta(double baseline, double candidate, String unit, Interval delta) {}

    /** One category row. */
    public record CategoryDelta(String category, String metric, double baseline, double candidate, double delta, int items) {}

    /**
     * An item the runs disagree on.
     *
     * @param direction {@code broken} (the candidate lost it) or {@code fixed}
     * @param image the image file, or null for a text-only question
     */
    public record FlippedItem(int pos, String label, String category, String question, String expected,
            String baselinePrediction, String candidatePrediction, String direction, String image) {}

    /** Returns whether every gate that applied passed. */
    public boolean passed() {
        return gates.stream().allMatch(gate -> gate.skipped() != null || gate.passed());
    }
}
