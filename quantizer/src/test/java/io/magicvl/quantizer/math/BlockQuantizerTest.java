package io.magicvl.quantizer.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockQuantizerTest {

    private static float[] gaussian(int count, long seed) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @ParameterizedTest(name = "bits {0} block {1} symmetric {2}")
    @CsvSource({"4, 64, true", "4, 16, false", "8, 32, true", "8, 128, false"})
    void rowAndChannelLayoutsGiveSameBytes(int bits, int blockSize, boolean symmetric) {
        int k = 300;
        int n = 7;
        float[] weight = gaussian(k * n, bits + blockSize);
        BlockQuantizer quantizer = new BlockQuantizer(bits, blockSize, symmetric);

        BlockQuantized fromRows = quantizer.quantize(weight, k, n);
        BlockQuantized fromChannels = quantizer.quantizeChannels(BlockQuantizer.transpose(weight, k, n), k, n);

        assertArrayEquals(fromChannels.packed(), fromRows.packed());
        assertArrayEquals(fromChannels.scales(), fromRows.scales());
        assertArrayEquals(fromChannels.zeroPoints(), fromRows.zeroPoints());
    }

    @ParameterizedTest(name = "symmetric {0}")
    @CsvSource({"true", "false"})
    void inlineErrorMatchesDequantizedError(boolean symmetric) {
        int k = 96;
        int n = 11;
        float[] weight = gaussian(k * n, 9);
        ErrorStats inline = new ErrorStats();

        BlockQuantized quantized = new BlockQuantizer(4, 32, symmetric).quantize(weight, k, n, inline);

        ErrorStats reference = new ErrorStats();
        reference.add(weight, quantized.dequantize());
        assertEquals(reference.sqnrDb(), inline.sqnrDb(), 1e-9);
        assertEquals(reference.maxAbs(), inline.maxAbs(), 1e-7);
        assertEquals(reference.cosine(), inline.cosine(), 1e-12);
        assertEquals(reference.count(), inline.count());
    }
}
