package io.magicvl.quantizer.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.quantizer.OrtTestGraphs;
import io.magicvl.quantizer.math.ChannelQuantized;
import io.magicvl.quantizer.math.ChannelQuantizer;
import io.magicvl.quantizer.math.Int8Range;
import io.magicvl.quantizer.onnx.Protos;
import io.magicvl.quantizer.onnx.TensorSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Int8OrtTest {
    private static final int M = 4;
    private static final int K = 256;
    private static final int N = 24;

    /**
     * Activations in [0, 1] quantize to u8 values up to 255 with zero point 0, and weights close to
     * their channel maximum quantize to the top level: the worst case for a saturating u8 x s8 kernel.
     */
    private static float[] adversarialActivations() {
        Random random = new Random(11);
        float[] a = new float[M * K];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.9f + 0.1f * random.nextFloat();
        }
        return a;
    }

    private static float[] adversarialWeights() {
        Random random = new Random(12);
        float[] w = new float[K * N];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.45f + 0.05f * random.nextFloat();
        }
        return w;
    }

    private static float[] runDynamic(float[] a, float[] w, Int8Range range) throws OrtException {
        ChannelQuantized quantized = new ChannelQuantizer(range).quantize(w, new long[] {K, N}, 1);
        Int8Emitter.Emitted emitted = Int8Emitter.dynamic("mm", "A", "Y", "w", quantized, TensorSink.INLINE);
        ModelProto model = OrtTestGraphs.graph(M, K, N, emitted.nodes(), emitted.initializers());
        return OrtTestGraphs.run(model, a, M, K, OptLevel.ALL_OPT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Int8Range.class, names = {"REDUCED", "UNSIGNED"})
    void dynamicSafeRangesAreRightOnAdversarialInput(Int8Range range) throws OrtException {
        float[] a = adversarialActivations();
        float[] w = adversarialWeights();
        float[] expected = OrtTestGraphs.matmul(a, w, M, K, N);

        float[] actual = runDynamic(a, w, range);

        double error = OrtTestGraphs.maxRelativeError(actual, expected);
        assertTrue(error < 0.01, range + " relative error " + error);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Int8Range.class, names = {"REDUCED", "UNSIGNED"})
    void dynamicSafeRangesMatchFloatOnGaussianInput(Int8Range range) throws OrtException {
        Random random = new Random(3);
        float[] a = OrtTestGraphs.gaussian(random, M * K, 1.0);
        float[] w = OrtTestGraphs.gaussian(random, K * N, 0.05);
        float[] expected = OrtTestGraphs.matmul(a, w, M, K, N);

        float[] actual = runDynamic(a, w, range);

        double error = OrtTestGraphs.maxRelativeError(actual, expected);
        assertTrue(error < 0.03, range + " relative error " + error);
    }

    /**
     * Documents why full-range signed weights are never the default. Without VNNI the u8 x s8
     * kernel saturates int16 pair sums and the result is far off. With VNNI it is right.
     */
    @Test
    void dynamicFullRangeIsWrongOnlyWithoutVnni() throws OrtException, IOException {
        float[] a = adversarialActivations();
        float[] w = adversarialWeights();
        float[] expected = OrtTestGraphs.matmul(a, w, M, K, N);

        float[] actual = runDynamic(a, w, Int8Range.FULL);

        double error = OrtTestGraphs.maxRelativeError(actual, expected);
        if (cpuHasVnni()) {
            assertTrue(error < 0.01, "full-range relative error " + error + " on a CPU with VNNI");
        } else {
            assertTrue(error > 0.05, "full-range relative error " + error + " (expected saturation without VNNI)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Int8Range.class)
    void dequantizeMatMulIsExactForEveryRange(Int8Range range) throws OrtException {
        Random random = new Random(4);
        float[] a = OrtTestGraphs.gaussian(random, M * K, 1.0);
        float[] w = OrtTestGraphs.gaussian(random, K * N, 0.05);
        ChannelQuantized quantized = new ChannelQuantizer(range).quantize(w, new long[] {K, N}, 1);
        NodeProto matMul = Protos.node("MatMul", "", "mm", List.of("A", "w"), List.of("Y"));
        Int8Emitter.Emitted emitted = Int8Emitter.dequantize(matMul, 1, "w", quantized, TensorSink.INLINE);
        ModelProto model = OrtTestGraphs.graph(M, K, N, emitted.nodes(), emitted.initializers());
        float[] expected = OrtTestGraphs.matmul(a, quantized.dequantize(), M, K, N);

        float[] actual = OrtTestGraphs.run(model, a, M, K, OptLevel.ALL_OPT);

        double error = OrtTestGraphs.maxRelativeError(actual, expected);
        assertTrue(error < 2e-6, range + " relative error " + error);
    }

    static boolean cpuHasVnni() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return true;
        }
        String flags = Files.readAllLines(cpuinfo).stream()
                .filter(line -> line.startsWith("flags"))
                .findFirst()
                .orElse("");
        return Arrays.stream(flags.split("\\s+")).anyMatch(flag -> flag.contains("vnni"));
    }
}
