package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParityStatsTest {

    @Test
    void identicalArrays() {
        float[] x = {1, -2, 3.5f};
        ParityStats stats = ParityStats.compare(x, x.clone());
        assertEquals(0.0, stats.maxAbs());
        assertEquals(0.0, stats.maxRel());
        assertEquals(1.0, stats.cosine(), 1e-15);
        assertEquals(3, stats.count());
        assertTrue(stats.withinAbs(0.0));
    }

    @Test
    void worstElementAndRelativeError() {
        float[] expected = {10, -4, 2, 0};
        float[] actual = {10.01f, -4, 2.5f, 0.001f};
        ParityStats stats = ParityStats.compare(expected, actual);

        assertEquals(2, stats.worstIndex());
        assertEquals(2.0f, stats.worstExpected());
        assertEquals(2.5f, stats.worstActual());
        assertEquals(0.5, stats.maxAbs(), 1e-6);
        // Element 3 has expected 0, so its denominator is the floor 1e-3 · 10 = 0.01: 0.001 / 0.01.
        // Element 2: 0.5 / 2 = 0.25 is the largest.
        assertEquals(0.25, stats.maxRel(), 1e-6);
        assertTrue(stats.cosine() < 1.0, "cosine " + stats.cosine());
        assertTrue(stats.cosine() > 0.99, "cosine " + stats.cosine());
    }

    @Test
    void relativeFloorAppliesToTinyValues() {
        float[] expected = {100, 1e-6f};
        float[] actual = {100, 0.05f};
        ParityStats stats = ParityStats.compare(expected, actual);
        // The floor is 1e-3 · 100 = 0.1, far above the expected 1e-6.
        assertEquals(((double) 0.05f - (double) 1e-6f) / 0.1, stats.maxRel(), 1e-9);
    }

    @Test
    void nonFiniteValuesAreCounted() {
        ParityStats stats = ParityStats.compare(new float[] {1, 2}, new float[] {Float.NaN, 2});
        assertEquals(1, stats.nonFinite());
        assertTrue(Double.isNaN(stats.maxAbs()));
        assertFalse(stats.withinAbs(1.0));
        assertTrue(stats.summary().contains("non-finite 1"), stats.summary());
    }

    @Test
    void logitsArgmaxPerRow() {
        float[] expected = {0, 5, 1, 3, 2, 1};
        float[] actual = {0, 5, 1, 3, 2, 4};
        ParityStats stats = ParityStats.compareLogits(expected, actual, 3);
        assertEquals(2, stats.argmaxRows());
        assertEquals(1, stats.argmaxAgree());
        assertFalse(stats.argmaxAgrees());
        assertTrue(stats.summary().endsWith("argmax 1/2"), stats.summary());
    }

    @Test
    void argmaxTakesFirstOnTies() {
        assertEquals(1, ParityStats.argmax(new float[] {0, 3, 3, 1}));
    }

    @Test
    void zeroVectors() {
        assertEquals(1.0, ParityStats.compare(new float[2], new float[2]).cosine());
        assertEquals(0.0, ParityStats.compare(new float[2], new float[] {1, 0}).cosine());
    }

    @Test
    void lengthMismatchIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParityStats.compare(new float[3], new float[4]));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
        assertTrue(e.getMessage().contains("4 values"), e.getMessage());
    }

    @Test
    void summaryIsOneLine() {
        String line = ParityStats.compare(new float[] {1, 2}, new float[] {1, 2.001f}).summary();
        assertFalse(line.contains("\n"));
        assertTrue(line.startsWith("max_abs 1.00e-03"), line);
    }
}
