package io.magicvl.validator.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.data.BenchmarkData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The score of one benchmark in one mode, whichever the benchmark: its headline metrics, the
 * per-item results and a JSON form.
 *
 * <p>Metrics: OCRBench {@code score} (correct items; out of 1000 on the full benchmark), one
 * count per type and {@code Text Recognition}; HallusionBench {@code aAcc}, {@code fAcc},
 * {@code qAcc} and {@code mean}, in percent and not rounded.
 */
public final class BenchScore {
    private final BenchmarkData data;
    private final ScoringMode mode;
    private final OcrBenchScore ocrBench;
    private final HallusionScore hallusion;

    private BenchScore(BenchmarkData data, ScoringMode mode, OcrBenchScore ocrBench, HallusionScore hallusion) {
        this.data = data;
        this.mode = mode;
        this.ocrBench = ocrBench;
        this.hallusion = hallusion;
    }

    /** Scores {@code predictions} (by position) against {@code data}. */
    public static BenchScore score(BenchmarkData data, Map<Integer, Prediction> predictions,
            Map<Integer, String> judgeLabels, ScoringMode mode) {
        if (data.bench() == Bench.OCRBENCH) {
            return new BenchScore(data, mode, OcrBenchScorer.score(data.ocrBenchItems(), predictions, mode), null);
        }
        return new BenchScore(data, mode, null,
                HallusionScorer.score(data.hallusionItems(), predictions, judgeLabels, mode));
    }

    /** Returns the benchmark. */
    public Bench bench() {
        return data.bench();
    }

    /** Returns the scoring mode. */
    public ScoringMode mode() {
        return mode;
    }

    /** Returns the OCRBench result, or null for HallusionBench. */
    public OcrBenchScore ocrBench() {
        return ocrBench;
    }

    /** Returns the HallusionBench result, or null for OCRBench. */
    public HallusionScore hallusion() {
        return hallusion;
    }

    /** Returns the per-item results. */
    public List<ItemScore> items() {
        return ocrBench != null ? ocrBench.items() : hallusion.items();
    }

    /** Returns the headline metrics, in a stable order. */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (ocrBench != null) {
            metrics.put("score", (double) ocrBench.finalScore());
            metrics.put("Text Recognition", (double) ocrBench.textRecognition());
            ocrBench.perType().forEach((type, count) -> metrics.put(type, (double) count));
        } else {
            metrics.put("aAcc", hallusion.aAcc());
            metrics.put("fAcc", hallusion.fAcc());
            metrics.put("qAcc", hallusion.qAcc());
            metrics.put("mean", hallusion.mean());
        }
        return metrics;
    }

    /** Returns the result as the JSON object {@code magicvl score --json} prints. */
    public ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("bench", data.bench().id());
        root.put("mode", mode.id());
        ObjectNode dataNode = root.putObject("data");
        dataNode.put("file", data.file().toString());
        dataNode.put("format", data.format().id());
        dataNode.put("sha256", data.sha256());
        dataNode.put("items", data.items().size());
        ObjectNode metrics = root.putObject("metrics");
        if (ocrBench != null) {
            metrics.put("score", ocrBench.finalScore());
            metrics.put("Text Recognition", ocrBench.textRecognition());
            ocrBench.perType().forEach(metrics::put);
            metrics.put("items", ocrBench.itemCount());
            metrics.put("scored_items", ocrBench.items().stream().filter(ItemScore::counted).count());
            if (mode == ScoringMode.VLMEVALKIT) {
                metrics.put("Final Score Norm", ocrBench.finalScoreNorm());
            }
            ObjectNode perType = root.putObject("items_per_type");
            ocrBench.itemsPerType().forEach(perType::put);
            OfficialDatasetReport report = ocrBench.officialDatasetReport();
            if (report != null && report.applies()) {
                ObjectNode official = root.putObject("official_dataset_report");
                official.put("note", "The official script prints per-dataset accuracy instead of type sums when "
                        + "the file does not have exactly 1000 items.");
                ObjectNode accuracy = official.putObject("accuracy");
                report.accuracy().forEach(accuracy::put);
                official.put("error", report.error());
            }
        } else {
            metrics.put("aAcc", hallusion.aAcc());
            metrics.put("fAcc", hallusion.fAcc());
            metrics.put("qAcc", hallusion.qAcc());
            metrics.put("mean", hallusion.mean());
            metrics.put("questions", hallusion.grouped().size());
            root.set("table", Json.MAPPER.valueToTree(hallusion.table()));
            if (hallusion.official() != null) {
                root.set("official", Json.MAPPER.valueToTree(hallusion.official()));
            }
        }
        ArrayNode items = root.putArray("items");
        for (ItemScore item : items()) {
            ObjectNode node = items.addObject();
            node.put("pos", item.pos());
            node.put("label", item.label());
            node.put("category", item.category());
            node.put("counted", item.counted());
            node.put("correct", item.correct());
            if (item.extracted() != null) {
                node.put(mode == ScoringMode.OFFICIAL ? "judge" : "extracted", item.extracted());
            }
        }
        return root;
    }
}
