package io.magicvl.validator.score;

import io.magicvl.core.MagicvlException;
import io.magicvl.validator.data.OcrBenchItem;
import io.magicvl.validator.text.SpreadsheetRoundTrip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores OCRBench predictions in either mode.
 *
 * <ul>
 *   <li>Official: an item whose prediction is missing or equals Python's 0 is skipped and adds
 *       nothing to the total; a null or other non-text prediction is rejected, because the
 *       official script fails on it. HME items are the ones with {@code dataset_name} HME100k.
 *   <li>VLMEvalKit: every item is scored; the predictions go through the spreadsheet round
 *       trip first (a missing prediction becomes the text {@code nan}). HME items are the ones
 *       whose {@code type} is Handwritten Mathematical Expression Recognition.
 * </ul>
 */
public final class OcrBenchScorer {
    private OcrBenchScorer() {}

    /** Scores {@code items} with {@code predictions} by position; an item without an entry is a missing prediction. */
    public static OcrBenchScore score(List<OcrBenchItem> items, Map<Integer, Prediction> predictions, ScoringMode mode) {
        List<ItemScore> results = new ArrayList<>(items.size());
        if (mode == ScoringMode.OFFICIAL) {
            for (OcrBenchItem item : items) {
                results.add(scoreOfficial(item, predictions.getOrDefault(item.pos(), Prediction.absent())));
            }
        } else {
            List<Prediction> column = new ArrayList<>(items.size());
            for (OcrBenchItem item : items) {
                column.add(predictions.getOrDefault(item.pos(), Prediction.absent()));
            }
            List<String> scored = SpreadsheetRoundTrip.apply(column);
            for (int i = 0; i < items.size(); i++) {
                results.add(scoreVlmevalkit(items.get(i), scored.get(i)));
            }
        }
        return OcrBenchScore.of(mode, items, results);
    }

    /** Applies the official per-item rule. */
    public static ItemScore scoreOfficial(OcrBenchItem item, Prediction prediction) {
        if (prediction.kind() == Prediction.Kind.ABSENT || prediction.equalsPythonZero()) {
            return new ItemScore(item.pos(), item.label(), item.type(), false, false, null, null);
        }
        if (!prediction.isText()) {
            throw MagicvlException.invalidInput("The prediction of item " + item.pos() + " (" + item.label() + ") is "
                    + describe(prediction) + "; the official OCRBench script fails on it. Give a string, or leave "
                    + "the item out to count it as missing.");
        }
        if (item.datasetName() == null) {
            throw MagicvlException.invalidInput("Item " + item.pos() + " has no dataset_name, which official scoring "
                    + "needs to find HME100k items. Use the official OCRBench.json or --mode vlmevalkit.");
        }
        boolean hme = OcrBenchMatcher.HME_DATASET.equals(item.datasetName());
        boolean correct = OcrBenchMatcher.matches(item.answers(), prediction.text(), hme);
        return new ItemScore(item.pos(), item.label(), item.type(), true, correct, prediction.text(), null);
    }

    /** Applies VLMEvalKit's per-item rule to the text after the spreadsheet round trip. */
    public static ItemScore scoreVlmevalkit(OcrBenchItem item, String scoredText) {
        boolean hme = OcrBenchMatcher.HME_TYPE.equals(item.type());
        boolean correct = OcrBenchMatcher.matches(item.answers(), scoredText, hme);
        return new ItemScore(item.pos(), item.label(), item.type(), true, correct, scoredText, null);
    }

    private static String describe(Prediction prediction) {
        return switch (prediction.kind()) {
            case NULL -> "null";
            case NUMBER -> "the number " + prediction.numberValue();
            case BOOLEAN -> "the boolean " + prediction.booleanValue();
            default -> prediction.kind().name();
        };
    }
}
