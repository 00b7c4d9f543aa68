package io.magicvl.validator.score;

import io.magicvl.validator.data.HallusionItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HallusionBench results in percent, not rounded: aAcc (per question), fAcc (figures whose
 * questions are all correct), qAcc (question pairs whose questions are all correct) and their
 * mean, the one number VLMEvalKit leaderboards publish.
 *
 * <p>Pairs are grouped by {@code category_subcategory_set_question} and figures by
 * {@code category_subcategory_set_figure}; the category is part of both keys, so VD/ocr and
 * VS/ocr never merge. Official figure groups leave out VS figure 0 (no image).
 *
 * @param table aAcc/fAcc/qAcc for {@code Overall}, each category (VD, VS) and each
 *     {@code category_subcategory}, like VLMEvalKit's score table
 * @param official the official script's extra outputs, rounded as it prints them; null in
 *     VLMEvalKit mode
 */
public record HallusionScore(
        ScoringMode mode,
        List<ItemScore> items,
        List<GroupedItem> grouped,
        double aAcc,
        double fAcc,
        double qAcc,
        Map<String, Map<String, Double>> table,
        OfficialHallusionReport official) {

    /**
     * A counted item with its group keys, what the paired comparison resamples.
     *
     * @param figureKey null when the item is in no figure group (official: VS figure 0)
     */
    public record GroupedItem(
            int pos, boolean correct, String category, String l2Category, String pairKey, String figureKey, String setKey) {}

    /** Returns the mean of aAcc, fAcc and qAcc. */
    public double mean() {
        return (aAcc + fAcc + qAcc) / 3.0;
    }

    static HallusionScore of(ScoringMode mode, List<HallusionItem> items, List<ItemScore> results) {
        List<GroupedItem> grouped = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ItemScore result = results.get(i);
            if (!result.counted()) {
                continue;
            }
            HallusionItem item = items.get(i);
            boolean inFigure = mode == ScoringMode.VLMEVALKIT || !item.isVsNoImage();
            grouped.add(new GroupedItem(item.pos(), result.correct(), item.categoryCode(), item.l2Category(),
                    item.pairKey(), inFigure ? item.figureKey() : null, item.setKey()));
        }
        Map<String, Map<String, Double>> table = new LinkedHashMap<>();
        table.put("Overall", metrics(grouped));
        for (String category : distinct(grouped, true)) {
            table.put(category, metrics(grouped.stream().filter(g -> g.category().equals(category)).toList()));
        }
        for (String l2 : distinct(grouped, false)) {
            table.put(l2, metrics(grouped.stream().filter(g -> g.l2Category().equals(l2)).toList()));
        }
        Map<String, Double> overall = table.get("Overall");
        OfficialHallusionReport official =
                mode == ScoringMode.OFFICIAL ? OfficialHallusionReport.of(items, results) : null;
        return new HallusionScore(mode, List.copyOf(results), List.copyOf(grouped), overall.get("aAcc"),
                overall.get("fAcc"), overall.get("qAcc"), table, official);
    }

    /** Computes aAcc, fAcc and qAcc (percent) of a collection of counted items. */
    public static Map<String, Double> metrics(List<GroupedItem> grouped) {
        int correct = 0;
        GroupAccuracy figures = new GroupAccuracy();
        GroupAccuracy pairs = new GroupAccuracy();
        for (GroupedItem item : grouped) {
            if (item.correct()) {
                correct++;
            }
            if (item.figureKey() != null) {
                figures.add(item.figureKey(), item.correct());
            }
            pairs.add(item.pairKey(), item.correct());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("aAcc", grouped.isEmpty() ? Double.NaN : (correct / (double) grouped.size()) * 100);
        metrics.put("fAcc", figures.percent());
        metrics.put("qAcc", pairs.percent());
        return metrics;
    }

    private static List<String> distinct(List<GroupedItem> grouped, boolean category) {
        List<String> values = new ArrayList<>();
        for (GroupedItem item : grouped) {
            String value = category ? item.category() : item.l2Category();
            if (!values.contains(value)) {
                values.add(value);
            }
        }
        return values;
    }
}
