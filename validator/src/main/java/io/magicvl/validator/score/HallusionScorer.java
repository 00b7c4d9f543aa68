package io.magicvl.validator.score;

import io.magicvl.validator.data.HallusionItem;
import io.magicvl.validator.text.SpreadsheetRoundTrip;
import io.magicvl.validator.text.YesNoExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores HallusionBench predictions in either mode.
 *
 * <ul>
 *   <li>VLMEvalKit: only questions with an image count. Each prediction goes through the
 *       spreadsheet round trip, then the yes/no extraction; Unknown is wrong.
 *   <li>Official: every question counts. The official pipeline asks GPT-4 whether the answer
 *       is correct (label 1), incorrect (0) or unclear (2); a label given in the predictions
 *       file is used as is, otherwise the label is derived from the yes/no extraction of the
 *       raw prediction (agrees with the ground truth: 1, contradicts it: 0, Unknown: 2). A
 *       missing prediction is label 0. Label 1 is correct, and so is label 2 on a VS question
 *       with figure 0 (no image): being unsure without the image is accepted.
 * </ul>
 */
public final class HallusionScorer {
    /** Judge label: the answer is correct. */
    public static final String LABEL_CORRECT = "1";
    /** Judge label: the answer is incorrect. */
    public static final String LABEL_INCORRECT = "0";
    /** Judge label: unclear. */
    public static final String LABEL_UNCLEAR = "2";

    private HallusionScorer() {}

    /**
     * Scores {@code items}; {@code judgeLabels} contains judge labels by position for official mode
     * (may be empty, and is ignored in VLMEvalKit mode).
     */
    public static HallusionScore score(
            List<HallusionItem> items,
            Map<Integer, Prediction> predictions,
            Map<Integer, String> judgeLabels,
            ScoringMode mode) {
        List<ItemScore> results = new ArrayList<>(items.size());
        if (mode == ScoringMode.VLMEVALKIT) {
            List<Prediction> column = new ArrayList<>();
            for (HallusionItem item : items) {
                if (item.hasImage()) {
                    column.add(predictions.getOrDefault(item.pos(), Prediction.absent()));
                }
            }
            List<String> scored = SpreadsheetRoundTrip.apply(column);
            int next = 0;
            for (HallusionItem item : items) {
                if (!item.hasImage()) {
                    results.add(new ItemScore(item.pos(), item.label(), item.category(), false, false, null, null));
                    continue;
                }
                String text = scored.get(next++);
                YesNoExtractor.Answer answer = YesNoExtractor.extract(text);
                boolean correct = answer == expected(item);
                results.add(new ItemScore(item.pos(), item.label(), item.category(), true, correct, text, answer.label()));
            }
        } else {
            for (HallusionItem item : items) {
                Prediction prediction = predictions.getOrDefault(item.pos(), Prediction.absent());
                String label = judgeLabels.get(item.pos());
                if (label == null) {
                    label = derivedLabel(item, prediction);
                }
                boolean correct = isOfficiallyCorrect(item, label);
                String text = prediction.isText() ? prediction.text() : null;
                results.add(new ItemScore(item.pos(), item.label(), item.category(), true, correct, text, label));
            }
        }
        return HallusionScore.of(mode, items, results);
    }

    /** Returns the judge label derived from the yes/no extraction of the raw prediction. */
    public static String derivedLabel(HallusionItem item, Prediction prediction) {
        if (prediction.kind() == Prediction.Kind.ABSENT || prediction.kind() == Prediction.Kind.NULL) {
            return LABEL_INCORRECT;
        }
        String text = prediction.isText() ? prediction.text() : String.valueOf(
                prediction.kind() == Prediction.Kind.NUMBER ? prediction.numberValue() : prediction.booleanValue());
        YesNoExtractor.Answer answer = YesNoExtractor.extract(text);
        if (answer == YesNoExtractor.Answer.UNKNOWN) {
            return LABEL_UNCLEAR;
        }
        return answer == expected(item) ? LABEL_CORRECT : LABEL_INCORRECT;
    }

    /** Applies the official {@code assign_correctness} rule to a judge label. */
    public static boolean isOfficiallyCorrect(HallusionItem item, String label) {
        return LABEL_CORRECT.equals(label) || (LABEL_UNCLEAR.equals(label) && item.isVsNoImage());
    }

    private static YesNoExtractor.Answer expected(HallusionItem item) {
        return "1".equals(item.gtAnswer()) ? YesNoExtractor.Answer.YES : YesNoExtractor.Answer.NO;
    }
}
