package io.magicvl.validator.score;

import io.magicvl.validator.data.HallusionItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers HallusionBench's {@code evaluation.py} prints, each percentage rounded to 4
 * decimals as Python's {@code round} does.
 *
 * <p>Easy and Hard reuse the pair grouping over questions with visual input other than 2
 * (easy) or equal to 2 (hard), so they are pair accuracies despite their names. The
 * LH/VI/Mixed failure analysis needs GPT-4's answer-consistency judge and is not computed.
 *
 * @param perQuestion aAcc by VD, VS and Overall
 * @param perFigure by VD, VS and Overall: {@code Correct} and {@code Wrong} (percent of
 *     figures with all or no questions correct) and {@code Score} (mean fraction correct)
 * @param perPair by VD, VS and Overall: {@code Easy}, {@code Hard} and {@code Total}
 * @param figureStats by {@code vd}, {@code vs} and {@code all}: total, correct, wrong,
 *     inconsistent figures and the score
 * @param questionStats easy and hard question counts per category, and the total
 * @param yesNoBias {@code diff} and {@code fp} as {@code yes_ratio_stats} computes them
 */
public record OfficialHallusionReport(
        double aAcc,
        double fAcc,
        double qAcc,
        double easy,
        double hard,
        Map<String, Double> perQuestion,
        Map<String, Map<String, Double>> perFigure,
        Map<String, Map<String, Double>> perPair,
        Map<String, Map<String, Number>> figureStats,
        Map<String, Integer> questionStats,
        Map<String, Double> yesNoBias) {

    static OfficialHallusionReport of(List<HallusionItem> items, List<ItemScore> results) {
        Map<String, Double> perQuestion = new LinkedHashMap<>();
        Map<String, Map<String, Double>> perFigure = new LinkedHashMap<>();
        Map<String, Map<String, Double>> perPair = new LinkedHashMap<>();
        Map<String, Map<String, Number>> figureStats = new LinkedHashMap<>();
        String[][] splits = {{"VD", "VD", "vd"}, {"VS", "VS", "vs"}, {null, "Overall", "all"}};
        for (String[] split : splits) {
            String category = split[0];
            int total = 0;
            int correct = 0;
            GroupAccuracy figures = new GroupAccuracy();
            GroupAccuracy pairs = new GroupAccuracy();
            GroupAccuracy easy = new GroupAccuracy();
            GroupAccuracy hard = new GroupAccuracy();
            for (int i = 0; i < items.size(); i++) {
                HallusionItem item = items.get(i);
                if (category != null && !category.equals(item.categoryCode())) {
                    continue;
                }
                boolean ok = results.get(i).correct();
                total++;
                if (ok) {
                    correct++;
                }
                if (!item.isVsNoImage()) {
                    figures.add(item.figureKey(), ok);
                }
                pairs.add(item.pairKey(), ok);
                (item.visualInput() == 2 ? hard : easy).add(item.pairKey(), ok);
            }
            perQuestion.put(split[1], round4((correct / (double) total) * 100));
            Map<String, Double> figureRow = new LinkedHashMap<>();
            figureRow.put("Correct", round4(figures.percent()));
            figureRow.put("Wrong", round4((figures.noneCorrect() / (double) figures.groups()) * 100));
            figureRow.put("Score", round4(figures.meanFraction()));
            perFigure.put(split[1], figureRow);
            Map<String, Double> pairRow = new LinkedHashMap<>();
            pairRow.put("Easy", round4(easy.percent()));
            pairRow.put("Hard", round4(hard.percent()));
            pairRow.put("Total", round4(pairs.percent()));
            perPair.put(split[1], pairRow);
            Map<String, Number> stats = new LinkedHashMap<>();
            stats.put("total", figures.groups());
            stats.put("correct", figures.allCorrect());
            stats.put("wrong", figures.noneCorrect());
            stats.put("inconsistent", figures.groups() - figures.allCorrect() - figures.noneCorrect());
            stats.put("score", figures.meanFraction());
            figureStats.put(split[2], stats);
        }
        Map<String, Integer> questionStats = new LinkedHashMap<>();
        questionStats.put("easy_total_q_vd", count(items, "VD", false));
        questionStats.put("easy_total_q_vs", count(items, "VS", false));
        questionStats.put("hard_total_q_vd", count(items, "VD", true));
        questionStats.put("hard_total_q_vs", count(items, "VS", true));
        questionStats.put("total_q", items.size());
        return new OfficialHallusionReport(
                perQuestion.get("Overall"),
                perFigure.get("Overall").get("Correct"),
                perPair.get("Overall").get("Total"),
                perPair.get("Overall").get("Easy"),
                perPair.get("Overall").get("Hard"),
                perQuestion, perFigure, perPair, figureStats, questionStats, yesNoBias(items, results));
    }

    /**
     * Computes {@code yes_ratio_stats}: {@code diff} is the share of items whose correctness
     * equals their ground truth minus the share of yes ground truths; {@code fp} is the share of
     * wrong items whose ground truth is no.
     */
    private static Map<String, Double> yesNoBias(List<HallusionItem> items, List<ItemScore> results) {
        int yesGt = 0;
        int yesPred = 0;
        int wrong = 0;
        int wrongGtYes = 0;
        for (int i = 0; i < items.size(); i++) {
            int gt = Integer.parseInt(items.get(i).gtAnswer());
            int correct = results.get(i).correct() ? 1 : 0;
            yesGt += gt;
            yesPred += correct == gt ? 1 : 0;
            if (correct == 0) {
                wrong++;
                wrongGtYes += gt;
            }
        }
        int n = items.size();
        Map<String, Double> bias = new LinkedHashMap<>();
        bias.put("diff", yesPred / (double) n - yesGt / (double) n);
        bias.put("fp", wrong == 0 ? Double.NaN : (wrong - wrongGtYes) / (double) wrong);
        return bias;
    }

    private static int count(List<HallusionItem> items, String category, boolean hard) {
        int n = 0;
        for (HallusionItem item : items) {
            if (item.categoryCode().equals(category) && (item.visualInput() == 2) == hard) {
                n++;
            }
        }
        return n;
    }

    /** Rounds like Python's {@code round(x, 4)}: the exact binary value, half to even. */
    public static double round4(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }
}
