package io.magicvl.quantizer.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeCalibratorTest {

    @Test
    void minMaxIsTheObservedRangeWithZero() {
        TensorStatistics statistics = TensorStatistics.of(new float[] {0.5f, 2.25f, 1f}, 256);

        RangeCalibrator.Range range = RangeCalibrator.minMax(statistics);

        assertEquals(0.0, range.low());
        assertEquals(2.25, range.high());
        assertEquals(2.25 / 255, range.scale(), 1e-9);
        assertEquals(0, range.zeroPoint());
    }

    @Test
    void minMaxZeroPointMapsZeroExactly() {
        TensorStatistics statistics = TensorStatistics.of(new float[] {-1f, 3f}, 256);

        RangeCalibrator.Range range = RangeCalibrator.minMax(statistics);

        // scale = 4 / 255, zero point = round(1 / scale) = round(63.75) = 64
        assertEquals(64, range.zeroPoint());
    }

    @Test
    void percentileDropsTheTails() {
        // -500 .. 499, 1000 values, 1000 bins of width 0.999: bin b holds value b - 500.
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i - 500;
        }
        TensorStatistics statistics = TensorStatistics.of(values, 1000);

        RangeCalibrator.Range range = RangeCalibrator.percentile(statistics, 99.0);

        // 1% of 1000 = 10 values per tail: the low edge is the bin of the 11th value (-490) and
        // the high edge is the top of the bin of the 990th value (489).
        double width = 999.0 / 1000;
        assertEquals(-500 + 10 * width, range.low(), 1e-9);
        assertEquals(-500 + 990 * width, range.high(), 1e-9);
    }

    @Test
    void entropyHandComputedExample() {
        // Magnitude histogram [8, 4, 2, 2] over [0, 4], 2 levels. KL for keeping 2, 3 and 4 bins:
        //   2 bins: P = [8, 8], Q = [8, 4]               -> 0.058892
        //   3 bins: P = [8, 4, 4], Q = [8, 3, 3]          -> 0.010310
        //   4 bins: P = [8, 4, 2, 2], Q = [6, 6, 2, 2]    -> 0.042475
        // so 3 bins are kept and the threshold is 3 x 4 / 4 = 3.0.
        long[] histogram = {8, 4, 2, 2};
        assertEquals(0.058892, RangeCalibrator.divergence(histogram, 2, 2), 1e-6);
        assertEquals(0.010310, RangeCalibrator.divergence(histogram, 3, 2), 1e-6);
        assertEquals(0.042475, RangeCalibrator.divergence(histogram, 4, 2), 1e-6);

        assertEquals(3.0, RangeCalibrator.entropyThreshold(histogram, 4.0, 2), 1e-12);
    }

    @Test
    void entropyRangeFromValuesClipsAtThreshold() {
        float[] values = {0.5f, -0.5f, 0.5f, -0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 1.5f, -1.5f, 1.5f, 1.5f, 2.5f, -2.5f,
            3.5f, -4f};
        TensorStatistics statistics = TensorStatistics.of(values, 4);
        assertArrayEquals(new long[] {8, 4, 2, 2}, statistics.absHistogram);

        RangeCalibrator.Range range = RangeCalibrator.entropy(statistics, 2);

        assertEquals(-3.0, range.low(), 1e-12);
        assertEquals(3.0, range.high(), 1e-12);
    }

    @Test
    void entropyClipsSparseTail() {
        // 100 000 values of a Laplace distribution: a dense centre and a long sparse tail.
        java.util.Random random = new java.util.Random(1);
        float[] values = new float[100_000];
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble() - 0.5;
            values[i] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
        }
        TensorStatistics statistics = TensorStatistics.of(values, 2048);

        double threshold = RangeCalibrator.entropy(statistics, RangeCalibrator.ENTROPY_LEVELS).high();

        assertTrue(threshold < statistics.absMax(), "threshold " + threshold + " absMax " + statistics.absMax());
        assertTrue(threshold > 2.0, "threshold " + threshold);
    }
}
