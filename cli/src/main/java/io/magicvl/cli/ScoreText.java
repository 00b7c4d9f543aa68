package io.magicvl.cli;

import io.magicvl.validator.score.BenchScore;
import io.magicvl.validator.score.HallusionScore;
import io.magicvl.validator.score.OcrBenchScore;
import io.magicvl.validator.score.OfficialHallusionReport;
import java.util.Locale;
import java.util.Map;

/** The plain-text form of a score, shared by {@code score}, {@code validate} and {@code merge}. */
final class ScoreText {
    private ScoreText() {}

    static String format(BenchScore score, int predictionLines) {
        StringBuilder out = new StringBuilder();
        out.append(score.bench().id()).append(", ").append(score.mode().id()).append(" scoring, ")
                .append(score.items().size()).append(" items, ").append(predictionLines).append(" predictions\n");
        if (score.ocrBench() != null) {
            OcrBenchScore ocr = score.ocrBench();
            for (Map.Entry<String, Integer> type : ocr.perType().entrySet()) {
                int items = ocr.itemsPerType().getOrDefault(type.getKey(), 0);
                if (items > 0) {
                    out.append(String.format(Locale.ROOT, "  %-50s %4d / %d%n", type.getKey(), type.getValue(), items));
                }
            }
            out.append(String.format(Locale.ROOT, "  %-50s %4d%n", "Text Recognition", ocr.textRecognition()));
            out.append(String.format(Locale.ROOT, "  %-50s %4d / %d%n", "Final Score", ocr.finalScore(), ocr.itemCount()));
            return out.toString().stripTrailing();
        }
        HallusionScore h = score.hallusion();
        out.append(String.format(Locale.ROOT, "  aAcc %.4f %%  fAcc %.4f %%  qAcc %.4f %%  mean %.4f %%%n",
                h.aAcc(), h.fAcc(), h.qAcc(), h.mean()));
        OfficialHallusionReport official = h.official();
        if (official != null) {
            out.append(String.format(Locale.ROOT, "  official (rounded): qAcc %s  fAcc %s  easy %s  hard %s  aAcc %s%n",
                    official.qAcc(), official.fAcc(), official.easy(), official.hard(), official.aAcc()));
        }
        return out.toString().stripTrailing();
    }
}
