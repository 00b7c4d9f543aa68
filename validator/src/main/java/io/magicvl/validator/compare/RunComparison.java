package io.magicvl.validator.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.MagicvlException;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.data.BenchItem;
import io.magicvl.validator.data.HallusionItem;
import io.magicvl.validator.data.OcrBenchItem;
import io.magicvl.validator.run.ImageResolver;
import io.magicvl.validator.run.LoadedRun;
import io.magicvl.validator.score.BenchScore;
import io.magicvl.validator.score.HallusionScore;
import io.magicvl.validator.score.HallusionScore.GroupedItem;
import io.magicvl.validator.score.ItemScore;
import io.magicvl.validator.score.OcrBenchScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a candidate run with a baseline run item by item: the delta of every metric with a
 * seeded bootstrap interval, McNemar's test on per-item correctness, per-category deltas, the
 * items that flipped, and the gates.
 *
 * <p>Intervals resample what each metric is built on: items for OCRBench metrics and
 * HallusionBench aAcc, question pairs for qAcc, figures for fAcc, and sets (which contain
 * their figures and pairs whole) for the mean of the three.
 */
public final class RunComparison {
    private RunComparison() {}

    /** Compares two complete runs of the same benchmark file, item selection and mode. */
    public static ComparisonResult compare(LoadedRun baseline, LoadedRun candidate, CompareSettings settings) {
        checkComparable(baseline, candidate);
        BenchScore base = baseline.score();
        BenchScore cand = candidate.score();
        Bootstrap bootstrap = new Bootstrap(settings.seed(), settings.bootstrap(), settings.confidence());
        Map<String, ComparisonResult.MetricDelta> metrics = base.bench() == Bench.OCRBENCH
                ? ocrBenchMetrics(base.ocrBench(), cand.ocrBench(), bootstrap)
                : hallusionMetrics(base.hallusion(), cand.hallusion(), bootstrap);
        List<ItemScore> baseItems = base.items();
        List<ItemScore> candItems = cand.items();
        int broken = 0;
        int fixed = 0;
        for (int i = 0; i < baseItems.size(); i++) {
            boolean b = baseItems.get(i).counted() && baseItems.get(i).correct();
            boolean c = candItems.get(i).counted() && candItems.get(i).correct();
            if (b && !c) {
                broken++;
            } else if (!b && c) {
                fixed++;
            }
        }
        String unit = unit(base.bench());
        List<GateResult> gates = new ArrayList<>();
        for (CompareSettings.Gate gate : settings.gates().values()) {
            gates.add(evaluate(gate, base.bench(), metrics, unit));
        }
        return new ComparisonResult(base.bench().id(), base.mode().id(), side(baseline), side(candidate),
                baseItems.size(), settings, metrics, McNemar.test(broken, fixed), perCategory(base, cand),
                flipped(baseline, candidate, baseItems, candItems), gates);
    }

    private static void checkComparable(LoadedRun baseline, LoadedRun candidate) {
        List<String> conflicts = new ArrayList<>();
        var a = baseline.manifest();
        var b = candidate.manifest();
        if (!a.bench().equals(b.bench())) {
            conflicts.add("bench " + a.bench() + " vs " + b.bench());
        }
        if (!a.dataSha256().equals(b.dataSha256())) {
            conflicts.add("benchmark file sha256 " + a.dataSha256() + " vs " + b.dataSha256());
        }
        if (!a.mode().equals(b.mode())) {
            conflicts.add("mode " + a.mode() + " vs " + b.mode());
        }
        if (!baseline.selectedPositions().equals(candidate.selectedPositions())) {
            conflicts.add("selected items " + baseline.selectedPositions().size() + " vs "
                    + candidate.selectedPositions().size() + " (different --limit or shard)");
        }
        if (!conflicts.isEmpty()) {
            throw MagicvlException.invalidInput("Runs " + baseline.runDir() + " and " + candidate.runDir()
                    + " are not paired: " + String.join("; ", conflicts) + ". Compare runs of the same benchmark "
                    + "file, items and mode.");
        }
    }

    private static Map<String, ComparisonResult.MetricDelta> ocrBenchMetrics(OcrBenchScore base, OcrBenchScore cand,
            Bootstrap bootstrap) {
        int n = base.items().size();
        boolean[] b = new boolean[n];
        boolean[] c = new boolean[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            b[i] = base.items().get(i).counted() && base.items().get(i).correct();
            c[i] = cand.items().get(i).counted() && cand.items().get(i).correct();
            types[i] = base.items().get(i).category();
        }
        Map<String, ComparisonResult.MetricDelta> metrics = new LinkedHashMap<>();
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        metrics.put("score", sumDelta(base.finalScore(), cand.finalScore(), b, c, all, bootstrap));
        boolean[] recognition = new boolean[n];
        for (int i = 0; i < n; i++) {
            recognition[i] = OcrBenchScore.TYPES.subList(0, 6).contains(types[i]);
        }
        metrics.put("Text Recognition", sumDelta(base.textRecognition(), cand.textRecognition(), b, c, recognition,
                bootstrap));
        for (Map.Entry<String, Integer> type : base.perType().entrySet()) {
            if (base.itemsPerType().getOrDefault(type.getKey(), 0) == 0) {
                continue;
            }
            boolean[] ofType = new boolean[n];
            for (int i = 0; i < n; i++) {
                ofType[i] = type.getKey().equals(types[i]);
            }
            metrics.put(type.getKey(), sumDelta(type.getValue(), cand.perType().get(type.getKey()), b, c, ofType, bootstrap));
        }
        return metrics;
    }

    private static ComparisonResult.MetricDelta sumDelta(int base, int cand, boolean[] b, boolean[] c, boolean[] include,
            Bootstrap bootstrap) {
        Interval interval = bootstrap.interval(ClusterBuilder.itemSums(b, c, include), "items", cand - base);
        return new ComparisonResult.MetricDelta(base, cand, "points", interval);
    }

    private static Map<String, ComparisonResult.MetricDelta> hallusionMetrics(HallusionScore base, HallusionScore cand,
            Bootstrap bootstrap) {
        List<GroupedItem> b = base.grouped();
        List<GroupedItem> c = cand.grouped();
        Map<String, ComparisonResult.MetricDelta> metrics = new LinkedHashMap<>();
        metrics.put("aAcc", percentDelta(base.aAcc(), cand.aAcc(),
                bootstrap.interval(ClusterBuilder.questions(b, c), "items", cand.aAcc() - base.aAcc())));
        metrics.put("fAcc", percentDelta(base.fAcc(), cand.fAcc(),
                bootstrap.interval(ClusterBuilder.groups(b, c, GroupedItem::figureKey), "figures", cand.fAcc() - base.fAcc())));
        metrics.put("qAcc", percentDelta(base.qAcc(), cand.qAcc(),
                bootstrap.interval(ClusterBuilder.groups(b, c, GroupedItem::pairKey), "pairs", cand.qAcc() - base.qAcc())));
        metrics.put("mean", percentDelta(base.mean(), cand.mean(),
                bootstrap.interval(ClusterBuilder.sets(b, c), "sets", cand.mean() - base.mean())));
        return metrics;
    }

    private static ComparisonResult.MetricDelta percentDelta(double base, double cand, Interval interval) {
        return new ComparisonResult.MetricDelta(base, cand, "percentage points", interval);
    }

    private static GateResult evaluate(CompareSettings.Gate gate, Bench bench,
            Map<String, ComparisonResult.MetricDelta> metrics, String unit) {
        String[] parts = gate.key().split("\\.", 2);
        Bench gateBench = Bench.parse(parts[0]);
        if (gateBench != bench) {
            return new GateResult(gate, unit, null, true, "this comparison is " + bench.id());
        }
        ComparisonResult.MetricDelta metric = metrics.get(parts[1]);
        if (metric == null) {
            throw MagicvlException.invalidInput("Gate '" + gate.key() + "' names an unknown metric '" + parts[1]
                    + "'; " + bench.id() + " reports " + metrics.keySet() + ".");
        }
        Interval drop = metric.delta().asDrop();
        double decisive = gate.rule() == GateRule.UPPER_BOUND ? drop.upper() : drop.delta();
        boolean passed = decisive <= gate.maxDrop();
        return new GateResult(gate, metric.unit(), drop, passed, null);
    }

    private static String unit(Bench bench) {
        return bench == Bench.OCRBENCH ? "points" : "percentage points";
    }

    private static List<ComparisonResult.CategoryDelta> perCategory(BenchScore base, BenchScore cand) {
        List<ComparisonResult.CategoryDelta> rows = new ArrayList<>();
        if (base.bench() == Bench.OCRBENCH) {
            for (Map.Entry<String, Integer> type : base.ocrBench().perType().entrySet()) {
                int items = base.ocrBench().itemsPerType().getOrDefault(type.getKey(), 0);
                if (items == 0) {
                    continue;
                }
                int c = cand.ocrBench().perType().get(type.getKey());
                rows.add(new ComparisonResult.CategoryDelta(type.getKey(), "correct", type.getValue(), c,
                        c - type.getValue(), items));
            }
            return rows;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (GroupedItem item : base.hallusion().grouped()) {
            counts.merge(item.category(), 1, Integer::sum);
            counts.merge(item.l2Category(), 1, Integer::sum);
        }
        for (Map.Entry<String, Map<String, Double>> row : base.hallusion().table().entrySet()) {
            Map<String, Double> other = cand.hallusion().table().get(row.getKey());
            for (Map.Entry<String, Double> metric : row.getValue().entrySet()) {
                double c = other.get(metric.getKey());
                rows.add(new ComparisonResult.CategoryDelta(row.getKey(), metric.getKey(), metric.getValue(), c,
                        c - metric.getValue(), counts.getOrDefault(row.getKey(), base.hallusion().grouped().size())));
            }
        }
        return rows;
    }

    private static List<ComparisonResult.FlippedItem> flipped(LoadedRun baseline, LoadedRun candidate,
            List<ItemScore> baseItems, List<ItemScore> candItems) {
        Map<Integer, BenchItem> byPos = new LinkedHashMap<>();
        for (BenchItem item : baseline.data().items()) {
            byPos.put(item.pos(), item);
        }
        Path imagesDir = baseline.manifest().imagesDir() == null ? null : Path.of(baseline.manifest().imagesDir());
        ImageResolver images = new ImageResolver(baseline.data(), imagesDir, baseline.runDir().resolve("tsv-images"));
        List<ComparisonResult.FlippedItem> flipped = new ArrayList<>();
        for (int i = 0; i < baseItems.size(); i++) {
            boolean b = baseItems.get(i).counted() && baseItems.get(i).correct();
            boolean c = candItems.get(i).counted() && candItems.get(i).correct();
            if (b == c) {
                continue;
            }
            BenchItem item = byPos.get(baseItems.get(i).pos());
            Path image = images.available(item) ? images.materialize(item) : null;
            flipped.add(new ComparisonResult.FlippedItem(item.pos(), item.label(), item.category(), item.question(),
                    expected(item), prediction(baseline, item.pos()), prediction(candidate, item.pos()),
                    b ? "broken" : "fixed", image == null ? null : image.toString()));
        }
        return flipped;
    }

    private static String expected(BenchItem item) {
        if (item instanceof OcrBenchItem ocr) {
            return String.join(" | ", ocr.answers());
        }
        return "1".equals(((HallusionItem) item).gtAnswer()) ? "Yes" : "No";
    }

    private static String prediction(LoadedRun run, int pos) {
        JsonNode line = run.predictions().lines().get(pos);
        JsonNode prediction = line == null ? null : line.get("prediction");
        return prediction == null || prediction.isNull() ? null : prediction.asText();
    }

    private static ComparisonResult.RunSide side(LoadedRun run) {
        return new ComparisonResult.RunSide(run.runDir().toAbsolutePath().toString(), run.manifest().exportDir(),
                run.manifest().exportSha256(), run.manifest().imagesDir());
    }
}
