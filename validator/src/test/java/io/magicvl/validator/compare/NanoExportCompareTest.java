package io.magicvl.validator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.run.MissingImagePolicy;
import io.magicvl.validator.run.NanoExports;
import io.magicvl.validator.run.RunConfig;
import io.magicvl.validator.run.RunResult;
import io.magicvl.validator.run.Shard;
import io.magicvl.validator.run.ValidationRun;
import io.magicvl.validator.score.ScoringMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the nano fp32 export against its aggressive int4 export, run by the real ONNX
 * Runtime model on the nano sets, then compared. The test recomputes the deltas, the
 * discordant counts, McNemar's p-value and the gate outcome itself from the two predictions
 * files and the benchmark file.
 */
class NanoExportCompareTest {
    private static final Path OCR = TestPaths.examples().resolve("nano-bench/ocrbench");
    private static final Path HALLUSION = TestPaths.examples().resolve("nano-bench/hallusionbench");

    @TempDir
    Path tmp;

    @Test
    void ocrBenchFp32AgainstInt4() throws IOException {
        checkOcrBench(48);
    }

    @Test
    @Tag("slow")
    void ocrBenchFp32AgainstInt4AllItems() throws IOException {
        checkOcrBench(null);
    }

    @Test
    void hallusionFp32AgainstInt4() throws IOException {
        checkHallusion(64);
    }

    @Test
    @Tag("slow")
    void hallusionFp32AgainstInt4AllItems() throws IOException {
        checkHallusion(null);
    }

    private void checkOcrBench(Integer limit) throws IOException {
        Path data = OCR.resolve("OCRBench.json");
        Path baseline = run(NanoExports.fp32(), Bench.OCRBENCH, data, OCR.resolve("images"), "fp32", limit,
                ScoringMode.OFFICIAL);
        Path candidate = run(NanoExports.int4(), Bench.OCRBENCH, data, OCR.resolve("images"), "int4", limit,
                ScoringMode.OFFICIAL);
        Map<String, CompareSettings.Gate> gates = new LinkedHashMap<>();
        gates.put("ocrbench.score", new CompareSettings.Gate("ocrbench.score", 2, GateRule.UPPER_BOUND));
        gates.put("ocrbench.Scene Text-centric VQA",
                new CompareSettings.Gate("ocrbench.Scene Text-centric VQA", 0, GateRule.POINT));
        ComparisonResult result = RunComparison.compare(RunResult.load(baseline), RunResult.load(candidate),
                new CompareSettings(17, 2000, 0.95, gates));

        // Independent scoring: answer (lower-cased, stripped) contained in the prediction.
        JsonNode items = Json.MAPPER.readTree(data.toFile());
        Map<Integer, String> base = predictions(baseline);
        Map<Integer, String> cand = predictions(candidate);
        int n = limit == null ? items.size() : limit;
        boolean[] b = new boolean[n];
        boolean[] c = new boolean[n];
        int sumB = 0;
        int sumC = 0;
        int sceneB = 0;
        int sceneC = 0;
        for (int i = 0; i < n; i++) {
            List<String> answers = new ArrayList<>();
            JsonNode answerNode = items.get(i).get("answers");
            if (answerNode.isArray()) {
                answerNode.forEach(a -> answers.add(a.textValue()));
            } else {
                answers.add(answerNode.textValue());
            }
            b[i] = contains(base.get(i), answers);
            c[i] = contains(cand.get(i), answers);
            sumB += b[i] ? 1 : 0;
            sumC += c[i] ? 1 : 0;
            if (items.get(i).get("type").textValue().equals("Scene Text-centric VQA")) {
                sceneB += b[i] ? 1 : 0;
                sceneC += c[i] ? 1 : 0;
            }
        }
        ComparisonResult.MetricDelta score = result.metrics().get("score");
        assertEquals(sumB, score.baseline());
        assertEquals(sumC, score.candidate());
        assertEquals(sumC - sumB, score.delta().delta());
        assertEquals(sceneC - sceneB, result.metrics().get("Scene Text-centric VQA").delta().delta());
        checkPaired(result, b, c);

        GateResult scoreGate = result.gates().get(0);
        assertEquals(sumB - sumC, scoreGate.drop().delta());
        assertEquals(0.0 - score.delta().lower(), scoreGate.drop().upper());
        assertEquals(scoreGate.drop().upper() <= 2, scoreGate.passed(), scoreGate.message());
        GateResult sceneGate = result.gates().get(1);
        assertEquals(sceneB - sceneC <= 0, sceneGate.passed(), sceneGate.message());
    }

    private void checkHallusion(Integer limit) throws IOException {
        Path data = HALLUSION.resolve("HallusionBench.json");
        Path baseline = run(NanoExports.fp32(), Bench.HALLUSIONBENCH, data, HALLUSION.resolve("images"), "fp32", limit,
                ScoringMode.VLMEVALKIT);
        Path candidate = run(NanoExports.int4(), Bench.HALLUSIONBENCH, data, HALLUSION.resolve("images"), "int4", limit,
                ScoringMode.VLMEVALKIT);
        CompareSettings settings = new CompareSettings(17, 1000, 0.95, Map.of("hallusionbench.mean",
                new CompareSettings.Gate("hallusionbench.mean", 1.0, GateRule.UPPER_BOUND)));
        ComparisonResult result = RunComparison.compare(RunResult.load(baseline), RunResult.load(candidate), settings);

        // Independent scoring of the questions with an image: a prediction that is a plain
        // "yes" or "no" (optionally followed by '.' or '!') is that answer, anything else wrong.
        JsonNode items = Json.MAPPER.readTree(data.toFile());
        Map<Integer, String> base = predictions(baseline);
        Map<Integer, String> cand = predictions(candidate);
        int n = limit == null ? items.size() : limit;
        List<Boolean> b = new ArrayList<>();
        List<Boolean> c = new ArrayList<>();
        Map<String, boolean[]> figures = new LinkedHashMap<>();
        Map<String, boolean[]> pairs = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            JsonNode item = items.get(i);
            if (item.get("filename").isNull()) {
                continue;
            }
            String gt = item.get("gt_answer").textValue().equals("1") ? "yes" : "no";
            boolean cb = simpleYesNo(base.get(i)).equals(gt);
            boolean cc = simpleYesNo(cand.get(i)).equals(gt);
            b.add(cb);
            c.add(cc);
            String prefix = item.get("category").textValue() + "_" + item.get("subcategory").textValue() + "_"
                    + item.get("set_id").textValue() + "_";
            boolean[] figure = figures.computeIfAbsent(prefix + item.get("figure_id").textValue(), k -> new boolean[] {true, true});
            figure[0] &= cb;
            figure[1] &= cc;
            boolean[] pair = pairs.computeIfAbsent(prefix + item.get("question_id").textValue(), k -> new boolean[] {true, true});
            pair[0] &= cb;
            pair[1] &= cc;
        }
        double aB = 100.0 * b.stream().filter(x -> x).count() / b.size();
        double aC = 100.0 * c.stream().filter(x -> x).count() / c.size();
        assertEquals(aB, result.metrics().get("aAcc").baseline(), 1e-9);
        assertEquals(aC, result.metrics().get("aAcc").candidate(), 1e-9);
        assertEquals(share(figures, 0), result.metrics().get("fAcc").baseline(), 1e-9);
        assertEquals(share(figures, 1), result.metrics().get("fAcc").candidate(), 1e-9);
        assertEquals(share(pairs, 0), result.metrics().get("qAcc").baseline(), 1e-9);
        assertEquals(share(pairs, 1), result.metrics().get("qAcc").candidate(), 1e-9);
        double meanDelta = ((aC + share(figures, 1) + share(pairs, 1)) - (aB + share(figures, 0) + share(pairs, 0))) / 3;
        assertEquals(meanDelta, result.metrics().get("mean").delta().delta(), 1e-9);
        boolean[] bArray = new boolean[b.size()];
        boolean[] cArray = new boolean[c.size()];
        for (int i = 0; i < b.size(); i++) {
            bArray[i] = b.get(i);
            cArray[i] = c.get(i);
        }
        checkPaired(result, bArray, cArray);
        GateResult gate = result.gates().get(0);
        assertEquals(0.0 - result.metrics().get("mean").delta().lower(), gate.drop().upper(), 1e-12);
        assertEquals(gate.drop().upper() <= 1.0, gate.passed(), gate.message());
    }

    /** Checks McNemar's counts and p-value and the width of the item-level interval against the test's own numbers. */
    private static void checkPaired(ComparisonResult result, boolean[] b, boolean[] c) {
        int broken = 0;
        int fixed = 0;
        for (int i = 0; i < b.length; i++) {
            broken += b[i] && !c[i] ? 1 : 0;
            fixed += !b[i] && c[i] ? 1 : 0;
        }
        assertEquals(broken, result.mcnemar().broken());
        assertEquals(fixed, result.mcnemar().fixed());
        assertEquals(broken + fixed, result.flipped().size());
        int discordant = broken + fixed;
        double expectedP;
        if (discordant == 0) {
            expectedP = 1.0;
        } else if (discordant < McNemar.EXACT_BELOW) {
            double tail = 0;
            for (int k = 0; k <= Math.min(broken, fixed); k++) {
                tail += binomial(discordant, k) / Math.pow(2, discordant);
            }
            expectedP = Math.min(1.0, 2 * tail);
        } else {
            expectedP = Double.NaN;
        }
        if (!Double.isNaN(expectedP)) {
            assertEquals(expectedP, result.mcnemar().pValue(), 1e-12);
        }
        Interval first = result.metrics().values().iterator().next().delta();
        if (discordant == 0) {
            assertEquals(0.0, first.lower(), "no discordant items: the interval is a point");
            assertEquals(0.0, first.upper(), "no discordant items: the interval is a point");
        } else {
            assertTrue(first.lower() <= first.delta(), "lower bound below the delta");
            assertTrue(first.delta() <= first.upper(), "upper bound above the delta");
        }
    }

    private static double binomial(int n, int k) {
        double value = 1;
        for (int i = 1; i <= k; i++) {
            value = value * (n - k + i) / i;
        }
        return value;
    }

    private Path run(Path export, Bench bench, Path data, Path images, String name, Integer limit, ScoringMode mode) {
        Path out = tmp.resolve(bench.id() + "-" + name);
        RunConfig config = new RunConfig(export, bench, data, images, out, limit, Shard.all(), 2, mode, 24,
                MissingImagePolicy.FAIL);
        RunResult result = new ValidationRun(config, NanoExports.factory(export)).execute();
        assertTrue(result.complete());
        return out;
    }

    private static Map<Integer, String> predictions(Path runDir) throws IOException {
        Map<Integer, String> out = new HashMap<>();
        for (String line : Files.readAllLines(runDir.resolve("predictions.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode node = Json.MAPPER.readTree(line);
            out.put(node.get("pos").intValue(), node.get("prediction").textValue());
        }
        return out;
    }

    private static boolean contains(String prediction, List<String> answers) {
        String normalized = prediction.toLowerCase(Locale.ROOT).strip().replace("\n", " ");
        for (String answer : answers) {
            if (normalized.contains(answer.toLowerCase(Locale.ROOT).strip())) {
                return true;
            }
        }
        return false;
    }

    private static String simpleYesNo(String prediction) {
        String word = prediction.strip().toLowerCase(Locale.ROOT).replaceAll("[.!]$", "");
        return word.equals("yes") || word.equals("no") ? word : "unknown";
    }

    private static double share(Map<String, boolean[]> groups, int side) {
        int all = 0;
        for (boolean[] g : groups.values()) {
            all += g[side] ? 1 : 0;
        }
        return all * 100.0 / groups.size();
    }
}
