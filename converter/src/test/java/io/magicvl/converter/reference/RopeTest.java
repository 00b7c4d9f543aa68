package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RopeTest {

    @Test
    void elementPairsWithElementHalfAway() {
        int d = 8;
        Rope rope = new Rope(d, 10_000.0);
        for (int k = 0; k < d; k++) {
            float[] x = new float[d];
            x[k] = 1.0f;
            rope.apply(x, 0, 5);
            int partner = (k + d / 2) % d;
            for (int i = 0; i < d; i++) {
                if (i != k && i != partner) {
                    assertEquals(0.0f, x[i], "element " + i + " for unit vector " + k);
                }
            }
            float[] inverse = rope.inverseFrequencies();
            double angle = 5.0f * inverse[k % (d / 2)];
            assertEquals(Math.cos(angle), x[k], 1e-6);
            // rotate_half puts -x2 in the first half and x1 in the second half.
            double sign = k < d / 2 ? 1.0 : -1.0;
            assertEquals(sign * Math.sin(angle), x[partner], 1e-6);
        }
    }

    @Test
    void positionZeroIsIdentity() {
        Rope rope = new Rope(6, 1e6);
        float[] x = {1, -2, 3, 0.5f, 7, -1};
        float[] y = x.clone();
        rope.apply(y, 0, 0);
        assertArrayEquals(x, y);
    }

    @Test
    void scoresDependOnRelativePosition() {
        Rope rope = new Rope(8, 1e4);
        float[] q = {0.3f, -1, 0.5f, 2, 1, 0.1f, -0.7f, 0.2f};
        float[] k = {1, 0.4f, -0.3f, 0.9f, -1, 0.6f, 0.2f, 0.5f};
        assertEquals(dot(rotated(rope, q, 7), rotated(rope, k, 3)),
                dot(rotated(rope, q, 14), rotated(rope, k, 10)), 1e-5);
    }

    @Test
    void firstFrequencyIsOne() {
        float[] inverse = new Rope(32, 1e6).inverseFrequencies();
        assertEquals(16, inverse.length);
        assertEquals(1.0f, inverse[0]);
        for (int k = 1; k < inverse.length; k++) {
            assertEquals(Math.pow(1e6, -2.0 * k / 32), inverse[k], inverse[k] * 1e-6);
        }
    }

    private static float[] rotated(Rope rope, float[] x, long position) {
        float[] y = x.clone();
        rope.apply(y, 0, position);
        return y;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
