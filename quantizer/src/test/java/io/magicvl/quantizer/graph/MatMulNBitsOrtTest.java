package io.magicvl.quantizer.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.quantizer.OrtTestGraphs;
import io.magicvl.quantizer.math.BlockQuantized;
import io.magicvl.quantizer.math.BlockQuantizer;
import io.magicvl.quantizer.math.ErrorStats;
import io.magicvl.quantizer.onnx.TensorSink;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatMulNBitsOrtTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int bits : new int[] {4, 8}) {
            for (int blockSize : new int[] {16, 32, 64, 128, 256}) {
                for (boolean symmetric : new boolean[] {true, false}) {
                    // K = 300 is not a multiple of any block size; K = 512 is a multiple of all.
                    cases.add(Arguments.of(bits, blockSize, symmetric, 300, 13));
                    cases.add(Arguments.of(bits, blockSize, symmetric, 512, 8));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "bits {0} block {1} symmetric {2} K {3} N {4}")
    @MethodSource("cases")
    void matchesDequantizeThenMatMul(int bits, int blockSize, boolean symmetric, int k, int n) throws OrtException {
        Random random = new Random(31L * k + n + blockSize + bits);
        int m = 3;
        float[] weight = OrtTestGraphs.gaussian(random, k * n, 0.05);
        float[] a = OrtTestGraphs.gaussian(random, m * k, 1.0);
        BlockQuantized quantized = new BlockQuantizer(bits, blockSize, symmetric).quantize(weight, k, n);
        MatMulNBitsEmitter.Emitted emitted =
                MatMulNBitsEmitter.emit("mm", "A", "Y", "w", quantized, 0, TensorSink.INLINE);
        ModelProto model = OrtTestGraphs.graph(m, k, n, List.of(emitted.node()), emitted.initializers());

        float[] expected = OrtTestGraphs.matmul(a, quantized.dequantize(), m, k, n);
        float[] actual = OrtTestGraphs.run(model, a, m, k, OptLevel.ALL_OPT);

        assertTrue(OrtTestGraphs.maxRelativeError(actual, expected) < 2e-6,
                "relative error " + OrtTestGraphs.maxRelativeError(actual, expected));
        ErrorStats weightError = new ErrorStats();
        weightError.add(weight, quantized.dequantize());
        double minimumSqnr = bits == 4 ? 15 : 38;
        assertTrue(weightError.sqnrDb() > minimumSqnr, "SQNR " + weightError.sqnrDb());
    }

    @ParameterizedTest(name = "bits {0}")
    @MethodSource("bitWidths")
    void paddedPositionsDequantizeToZero(int bits) {
        float[] weight = OrtTestGraphs.gaussian(new Random(5), 20 * 3, 1.0);
        BlockQuantized quantized = new BlockQuantizer(bits, 16, false).quantize(weight, 20, 3);
        for (int column = 0; column < 3; column++) {
            for (int row = 20; row < 32; row++) {
                assertEquals(quantized.zeroPoint(column, 1), quantized.quantizedValue(row, column),
                        "padding at row " + row + " column " + column);
            }
        }
    }

    static Stream<Integer> bitWidths() {
        return Stream.of(4, 8);
    }
}
