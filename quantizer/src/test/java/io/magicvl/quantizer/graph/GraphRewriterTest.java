package io.magicvl.quantizer.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.quantizer.SyntheticGraphs;
import io.magicvl.quantizer.calib.ActivationCollector;
import io.magicvl.quantizer.calib.RangeCalibrator;
import io.magicvl.quantizer.calib.TensorStatistics;
import io.magicvl.quantizer.math.ErrorStats;
import io.magicvl.quantizer.onnx.GraphRunner;
import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.recipe.QuantizeSection;
import io.magicvl.quantizer.recipe.SchemeSettings;
import io.magicvl.quantizer.recipe.WeightScheme;
import io.magicvl.quantizer.report.WeightReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphRewriterTest {
    private static final int D = 64;
    private static final int FFN = 96;

    @TempDir
    Path dir;

    private static WeightScheme scheme(String yaml) {
        SchemeSettings settings = io.magicvl.quantizer.recipe.RecipeSections.yamlValue(yaml, SchemeSettings.class);
        return WeightScheme.resolve(settings, "test");
    }

    private static Map<String, GraphRunner.Input> stackFeed(long seed) {
        float[] x = SyntheticGraphs.gaussian(new Random(seed), SyntheticGraphs.SEQUENCE * D, 1.0);
        return Map.of("x", GraphRunner.Input.of(x, 1, SyntheticGraphs.SEQUENCE, D));
    }

    private static float[] run(Path graph, Map<String, GraphRunner.Input> feed) throws Exception {
        try (GraphRunner runner = new GraphRunner(graph, 1)) {
            return runner.run(feed, List.of("y")).get("y");
        }
    }

    private static Map<String, Long> opCounts(Path graph) {
        return GraphFiles.read(graph).getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(NodeProto::getOpType, Collectors.counting()));
    }

    private ErrorStats quantizeStack(String yaml, Map<String, RangeCalibrator.Range> ranges, String expectedOp,
            long expectedCount) throws Exception {
        Path input = SyntheticGraphs.residualStack(Files.createDirectories(dir.resolve("in")), "model.onnx", 2, D, FFN,
                7, -1, 1);
        Path outDir = Files.createDirectories(dir.resolve("out-" + Math.abs(yaml.hashCode())));
        WeightScheme scheme = scheme(yaml);
        GraphRewriter.Result result = GraphFiles.rewrite(input, outDir, "decoder", (c, n, r) -> scheme, ranges);
        Path output = outDir.resolve("model.onnx");

        assertEquals(expectedCount, opCounts(output).getOrDefault(expectedOp, 0L), yaml + " ops " + opCounts(output));
        assertEquals(10, result.weights().size());
        ErrorStats error = new ErrorStats();
        Map<String, GraphRunner.Input> feed = stackFeed(99);
        error.add(run(input, feed), run(output, feed));
        return error;
    }

    @Test
    void int4SymmetricRunsAsMatMulNBits() throws Exception {
        ErrorStats error = quantizeStack("{scheme: int4-weight, block_size: 32}", Map.of(), "MatMulNBits", 10);
        assertTrue(error.cosine() > 0.99, "cosine " + error.cosine());
    }

    @Test
    void int4AsymmetricRunsAsMatMulNBits() throws Exception {
        ErrorStats error = quantizeStack("{scheme: int4-weight, block_size: 16, symmetric: false}", Map.of(),
                "MatMulNBits", 10);
        assertTrue(error.cosine() > 0.99, "cosine " + error.cosine());
    }

    @Test
    void int8DynamicSharesOneQuantizerPerActivation() throws Exception {
        // q, k and v read the same input, so 2 layers need 2 x 3 quantizers, not 2 x 5.
        ErrorStats error = quantizeStack("{scheme: int8-weight}", Map.of(), "DynamicQuantizeLinear", 6);
        assertTrue(error.cosine() > 0.999, "cosine " + error.cosine());
    }

    @Test
    void int8DequantizeKernelKeepsMatMul() throws Exception {
        ErrorStats error = quantizeStack("{scheme: int8-weight, kernel: dequantize, weight_range: full}", Map.of(),
                "DequantizeLinear", 10);
        assertTrue(error.cosine() > 0.9999, "cosine " + error.cosine());
    }

    @Test
    void fp16StoresHalvesAndCastsBack() throws Exception {
        ErrorStats error = quantizeStack("{scheme: fp16}", Map.of(), "Cast", 10);
        assertTrue(error.cosine() > 0.999999, "cosine " + error.cosine());
    }

    @Test
    void int8StaticRunsWithCalibratedRanges() throws Exception {
        Path input = SyntheticGraphs.residualStack(Files.createDirectories(dir.resolve("in")), "model.onnx", 2, D, FFN,
                7, -1, 1);
        WeightScheme scheme = scheme("{scheme: int8-static}");
        ModelProto model = GraphFiles.read(input);
        Set<String> activations = GraphRewriter.staticActivations(model, "decoder", (c, n, r) -> scheme);
        List<Map<String, GraphRunner.Input>> feeds = List.of(stackFeed(1), stackFeed(2), stackFeed(3));
        Map<String, TensorStatistics> statistics = ActivationCollector.collect(model, dir.resolve("in"), activations,
                feeds, 2048, 1);
        Map<String, RangeCalibrator.Range> ranges = new HashMap<>();
        statistics.forEach((name, s) -> ranges.put(name, RangeCalibrator.minMax(s)));
        assertEquals(6, activations.size());

        ErrorStats error = quantizeStack("{scheme: int8-static}", ranges, "QuantizeLinear", 6);

        assertTrue(error.cosine() > 0.99, "cosine " + error.cosine());
    }

    @Test
    void overridesFirstMatchWins() throws Exception {
        Path input = SyntheticGraphs.residualStack(Files.createDirectories(dir.resolve("in")), "model.onnx", 2, D, FFN,
                7, -1, 1);
        QuantizeSection section = io.magicvl.quantizer.recipe.RecipeSections.yamlValue("""
                components:
                  decoder: {scheme: int4-weight}
                overrides:
                  - {pattern: "*layers.0.*", scheme: fp32}
                  - {pattern: "*down_proj*", scheme: int8-weight}
                """, QuantizeSection.class);
        QuantizePlan plan = QuantizePlan.of(section);

        GraphRewriter.Result result = GraphFiles.rewrite(input, Files.createDirectories(dir.resolve("out")), "decoder",
                plan::schemeFor, Map.of());

        Map<String, String> schemes = result.weights().stream()
                .collect(Collectors.toMap(WeightReport::name, WeightReport::scheme));
        assertEquals(5, schemes.size(), "layer 0 stays fp32 and is not reported: " + schemes);
        assertEquals("int8-weight reduced dynamic", schemes.get("model.layers.1.mlp.down_proj.weight"));
        assertEquals("int4-weight b4 bs32 sym acc0", schemes.get("model.layers.1.mlp.up_proj.weight"));
        Map<String, Long> ops = opCounts(dir.resolve("out/model.onnx"));
        assertEquals(5L, ops.get("MatMul"), "layer 0 MatMuls remain: " + ops);
    }

    @Test
    void embeddingRowsDequantizeExactly() throws Exception {
        Path input = SyntheticGraphs.embedding(Files.createDirectories(dir.resolve("in")), "embed.onnx", 40, D, 3);
        Map<String, GraphRunner.Input> feed = Map.of("input_ids",
                GraphRunner.Input.of(new long[] {0, 5, 39, 5}, 1, 4));
        for (String yaml : List.of("{scheme: int8-weight, weight_range: full}", "{scheme: int8-weight, weight_range: unsigned}",
                "{scheme: int4-weight, block_size: 32}", "{scheme: int4-weight, block_size: 16, symmetric: false}",
                "{scheme: int4-weight, bits: 8, block_size: 64}")) {
            Path outDir = Files.createDirectories(dir.resolve("out-" + Math.abs(yaml.hashCode())));
            WeightScheme scheme = scheme(yaml);
            GraphRewriter.Result result = GraphFiles.rewrite(input, outDir, "embed", (c, n, r) -> scheme, Map.of());
            ErrorStats error = new ErrorStats();
            error.add(run(input, feed), run(outDir.resolve("embed.onnx"), feed));
            double weightSqnr = result.weights().get(0).sqnrDb();
            // The output is a sample of table rows, so its SQNR is close to the table's.
            assertTrue(Math.abs(error.sqnrDb() - weightSqnr) < 3, yaml + ": output " + error.sqnrDb()
                    + " dB vs table " + weightSqnr + " dB");
            assertTrue(error.cosine() > 0.99, yaml + " cosine " + error.cosine());
        }
    }

    @Test
    void convKernelQuantizedPerOutputChannel() throws Exception {
        Path input = SyntheticGraphs.patchConv(Files.createDirectories(dir.resolve("in")), "vision.onnx", 5);
        float[] x = SyntheticGraphs.gaussian(new Random(8), 3 * 16 * 16, 1.0);
        Map<String, GraphRunner.Input> feed = Map.of("x", GraphRunner.Input.of(x, 1, 3, 16, 16));
        Path outDir = Files.createDirectories(dir.resolve("out"));
        WeightScheme scheme = scheme("{scheme: int8-weight}");

        GraphRewriter.Result result = GraphFiles.rewrite(input, outDir, "vision", (c, n, r) -> scheme, Map.of());

        ErrorStats error = new ErrorStats();
        error.add(run(input, feed), run(outDir.resolve("vision.onnx"), feed));
        assertTrue(error.cosine() > 0.999, "cosine " + error.cosine());
        assertEquals(1, result.weights().size());
        assertEquals(8 * 3 * 4 * 4 + 8 * 4, result.weights().get(0).bytesAfter());
    }
}
