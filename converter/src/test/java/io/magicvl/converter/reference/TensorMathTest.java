package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TensorMathTest {

    @Test
    void erfMatchesNumericalIntegral() {
        for (double x = -5.0; x <= 5.0; x += 0.37) {
            assertEquals(integrateErf(x), TensorMath.erf(x), 1e-12, "erf(" + x + ")");
        }
        assertEquals(1.0, TensorMath.erf(7.0));
        assertEquals(-1.0, TensorMath.erf(-7.0));
    }

    @Test
    void geluVariantsAgreeClosely() {
        for (float x = -4f; x <= 4f; x += 0.25f) {
            assertEquals(TensorMath.geluErf(x), TensorMath.geluTanh(x), 1e-3, "gelu(" + x + ")");
        }
    }

    @Test
    void layerNormNormalizes() {
        float[] x = {1, 2, 3, 4, 10};
        float[] ones = {1, 1, 1, 1, 1};
        float[] zeros = new float[5];
        float[] y = TensorMath.layerNorm(x, ones, zeros, 0.0);
        double mean = 0;
        double squares = 0;
        for (float v : y) {
            mean += v;
            squares += v * v;
        }
        assertEquals(0.0, mean / 5, 1e-6);
        assertEquals(1.0, squares / 5, 1e-6);
    }

    @Test
    void rmsNormHasUnitRootMeanSquare() {
        float[] x = {3, -4, 12, 0};
        float[] y = TensorMath.rmsNorm(x, new float[] {1, 1, 1, 1}, 0.0);
        double squares = 0;
        for (float v : y) {
            squares += v * v;
        }
        assertEquals(1.0, squares / 4, 1e-6);
    }

    /** Simpson's rule on 2/√π · exp(-t²) from 0 to x. */
    private static double integrateErf(double x) {
        int n = 20_000;
        double h = x / n;
        double sum = 1.0 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            double t = i * h;
            sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return 2.0 / Math.sqrt(Math.PI) * sum * h / 3.0;
    }
}
