package io.magicvl.validator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.data.BenchmarkData;
import io.magicvl.validator.data.HallusionItem;
import io.magicvl.validator.data.OcrBenchItem;
import io.magicvl.validator.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paired comparisons of predictions chosen by the test, checked against numbers the test computes itself. */
class RunComparisonTest {
    private static final Path OCR = TestPaths.examples().resolve("nano-bench/ocrbench");
    private static final Path HALLUSION = TestPaths.examples().resolve("nano-bench/hallusionbench");

    @TempDir
    Path tmp;

    @Test
    void ocrBenchDeltaIntervalAndMcNemar() throws IOException {
        BenchmarkData data = BenchmarkData.load(Bench.OCRBENCH, OCR.resolve("OCRBench.json"));
        List<OcrBenchItem> items = data.ocrBenchItems();
        Map<Integer, String> base = new HashMap<>();
        Map<Integer, String> cand = new HashMap<>();
        boolean[] b = new boolean[items.size()];
        boolean[] c = new boolean[items.size()];
        for (OcrBenchItem item : items) {
            int pos = item.pos();
            b[pos] = pos % 3 != 0;
            c[pos] = pos % 5 != 0 && pos % 7 != 0;
            base.put(pos, b[pos] ? "it says " + item.answers().get(0) : "~");
            cand.put(pos, c[pos] ? item.answers().get(0).toUpperCase(java.util.Locale.ROOT) : "~");
        }
        CompareSettings settings = new CompareSettings(7, 2000, 0.95, gates("ocrbench.score", 30, GateRule.UPPER_BOUND));
        ComparisonResult result = RunComparison.compare(
                RunResult.load(SyntheticRuns.write(tmp.resolve("b"), data, OCR.resolve("images"), "aa", "official", base)),
                RunResult.load(SyntheticRuns.write(tmp.resolve("c"), data, OCR.resolve("images"), "bb", "official", cand)),
                settings);

        int sumB = 0;
        int sumC = 0;
        int broken = 0;
        int fixed = 0;
        double[] d = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            sumB += b[i] ? 1 : 0;
            sumC += c[i] ? 1 : 0;
            broken += b[i] && !c[i] ? 1 : 0;
            fixed += !b[i] && c[i] ? 1 : 0;
            d[i] = (c[i] ? 1 : 0) - (b[i] ? 1 : 0);
        }
        ComparisonResult.MetricDelta score = result.metrics().get("score");
        assertEquals(sumB, score.baseline());
        assertEquals(sumC, score.candidate());
        assertEquals(sumC - sumB, score.delta().delta());
        assertEquals(broken, result.mcnemar().broken());
        assertEquals(fixed, result.mcnemar().fixed());
        assertEquals(broken + fixed, result.flipped().size());

        // The bootstrap interval of a sum of paired differences should be close to the normal
        // approximation: delta +- 1.96 * sqrt(n) * sd(d).
        double mean = (sumC - sumB) / (double) d.length;
        double variance = 0;
        for (double x : d) {
            variance += (x - mean) * (x - mean);
        }
        variance /= d.length;
        double halfWidth = 1.96 * Math.sqrt(d.length * variance);
        double measured = (score.delta().upper() - score.delta().lower()) / 2;
        assertEquals(halfWidth, measured, 0.15 * halfWidth, "bootstrap half-width vs normal approximation");
        assertTrue(score.delta().lower() <= score.delta().delta(), "lower bound below the delta");
        assertTrue(score.delta().delta() <= score.delta().upper(), "upper bound above the delta");

        double chi2 = Math.pow(Math.abs(broken - fixed) - 1, 2) / (broken + fixed);
        assertEquals(chi2, result.mcnemar().statistic(), 1e-12);

        GateResult gate = result.gates().get(0);
        assertEquals(-score.delta().lower(), gate.drop().upper(), 1e-12);
        assertEquals(gate.drop().upper() <= 30, gate.passed());
        assertTrue(gate.message().contains("ocrbench.score"), gate.message());
    }

    @Test
    void hallusionGroupDeltasMatchIndependentCount() throws IOException {
        BenchmarkData data = BenchmarkData.load(Bench.HALLUSIONBENCH, HALLUSION.resolve("HallusionBench.json"));
        List<HallusionItem> items = data.hallusionItems();
        Map<Integer, String> base = new HashMap<>();
        Map<Integer, String> cand = new HashMap<>();
        for (HallusionItem item : items) {
            base.put(item.pos(), "Yes");
            boolean right = item.pos() % 4 != 1;
            boolean gtYes = item.gtAnswer().equals("1");
            cand.put(item.pos(), right == gtYes ? "Yes." : "No.");
        }
        ComparisonResult result = RunComparison.compare(
                RunResult.load(SyntheticRuns.write(tmp.resolve("b"), data, HALLUSION.resolve("images"), "aa", "vlmevalkit", base)),
                RunResult.load(SyntheticRuns.write(tmp.resolve("c"), data, HALLUSION.resolve("images"), "bb", "vlmevalkit", cand)),
                new CompareSettings(3, 1000, 0.9, gates("hallusionbench.mean", 1.0, GateRule.POINT)));

        // Independent count over the questions with an image (VLMEvalKit's question set).
        Map<String, boolean[]> figures = new LinkedHashMap<>();
        Map<String, boolean[]> pairs = new LinkedHashMap<>();
        int n = 0;
        int correctB = 0;
        int correctC = 0;
        for (HallusionItem item : items) {
            if (item.image().kind() == io.magicvl.validator.data.ImageRef.Kind.NONE) {
                continue;
            }
            n++;
            boolean cb = item.gtAnswer().equals("1");
            boolean cc = item.pos() % 4 != 1;
            correctB += cb ? 1 : 0;
            correctC += cc ? 1 : 0;
            String l2 = item.categoryCode() + "_" + item.subcategory() + "_" + item.setId() + "_";
            boolean[] f = figures.computeIfAbsent(l2 + item.figureId(), k -> new boolean[] {true, true});
            f[0] &= cb;
            f[1] &= cc;
            boolean[] p = pairs.computeIfAbsent(l2 + item.questionId(), k -> new boolean[] {true, true});
            p[0] &= cb;
            p[1] &= cc;
        }
        double aB = correctB * 100.0 / n;
        double aC = correctC * 100.0 / n;
        double fB = share(figures, 0);
        double fC = share(figures, 1);
        double qB = share(pairs, 0);
        double qC = share(pairs, 1);
        assertEquals(aC - aB, result.metrics().get("aAcc").delta().delta(), 1e-9);
        assertEquals(fC - fB, result.metrics().get("fAcc").delta().delta(), 1e-9);
        assertEquals(qC - qB, result.metrics().get("qAcc").delta().delta(), 1e-9);
        double meanDelta = ((aC + fC + qC) - (aB + fB + qB)) / 3;
        assertEquals(meanDelta, result.metrics().get("mean").delta().delta(), 1e-9);
        assertEquals("figures", result.metrics().get("fAcc").delta().resampled());
        assertEquals("pairs", result.metrics().get("qAcc").delta().resampled());
        assertEquals("sets", result.metrics().get("mean").delta().resampled());
        GateResult gate = result.gates().get(0);
        assertEquals(-meanDelta <= 1.0, gate.passed(), gate.message());
        assertEquals(0.9, gate.drop().confidence());
    }

    @Test
    void sameSeedGivesSameInterval() throws IOException {
        BenchmarkData data = BenchmarkData.load(Bench.OCRBENCH, OCR.resolve("OCRBench.json"));
        Map<Integer, String> base = new HashMap<>();
        Map<Integer, String> cand = new HashMap<>();
        for (OcrBenchItem item : data.ocrBenchItems()) {
            base.put(item.pos(), item.pos() % 2 == 0 ? item.answers().get(0) : "-");
            cand.put(item.pos(), item.pos() % 3 == 0 ? item.answers().get(0) : "-");
        }
        Path bDir = SyntheticRuns.write(tmp.resolve("b"), data, OCR.resolve("images"), "aa", "vlmevalkit", base);
        Path cDir = SyntheticRuns.write(tmp.resolve("c"), data, OCR.resolve("images"), "bb", "vlmevalkit", cand);
        CompareSettings settings = new CompareSettings(11, 500, 0.95, Map.of());
        Interval first = RunComparison.compare(RunResult.load(bDir), RunResult.load(cDir), settings).metrics().get("score").delta();
        Interval second = RunComparison.compare(RunResult.load(bDir), RunResult.load(cDir), settings).metrics().get("score").delta();
        assertEquals(first, second);
    }

    @Test
    void rejectsRunsOfDifferentModes() throws IOException {
        BenchmarkData data = BenchmarkData.load(Bench.OCRBENCH, OCR.resolve("OCRBench.json"));
        Path bDir = SyntheticRuns.write(tmp.resolve("b"), data, OCR.resolve("images"), "aa", "official", Map.of(0, "x"));
        Path cDir = SyntheticRuns.write(tmp.resolve("c"), data, OCR.resolve("images"), "bb", "vlmevalkit", Map.of(0, "x"));
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> RunComparison.compare(RunResult.load(bDir), RunResult.load(cDir), CompareSettings.defaults()));
        assertTrue(error.getMessage().contains("mode official vs vlmevalkit"), error.getMessage());
        assertFalse(Files.exists(tmp.resolve("reports")));
    }

    static Map<String, CompareSettings.Gate> gates(String key, double maxDrop, GateRule rule) {
        return Map.of(key, new CompareSettings.Gate(key, maxDrop, rule));
    }

    private static double share(Map<String, boolean[]> groups, int side) {
        int all = 0;
        for (boolean[] g : groups.values()) {
            all += g[side] ? 1 : 0;
        }
        return all * 100.0 / groups.size();
    }
}
