package io.magicvl.converter.reference;

import java.util.Locale;

/**
 * Agreement between an expected array (the reference) and an actual array (an exported
 * graph's output).
 *
 * <p>Relative error uses a guarded denominator: for element i it is
 * {@code |actual_i - expected_i| / max(|expected_i|, floor)} with
 * {@code floor = max(1e-3 · max_j |expected_j|, 1e-12)}, so elements far below the array's
 * scale are judged against one thousandth of its largest magnitude instead of blowing up.
 * Cosine similarity is computed in float64; two all-zero arrays have cosine 1, and exactly
 * one all-zero array gives 0.
 *
 * @param count number of elements compared
 * @param maxAbs largest |actual - expected|
 * @param maxRel largest guarded relative error (see above)
 * @param cosine cosine similarity of the two arrays as vectors
 * @param worstIndex flat index of the largest absolute error (-1 when empty)
 * @param worstExpected expected value at {@code worstIndex}
 * @param worstActual actual value at {@code worstIndex}
 * @param nonFinite elements where either side is NaN or infinite (they make the errors NaN)
 * @param argmaxRows rows whose argmax was compared (0 when not compared as logits)
 * @param argmaxAgree rows where the expected and actual argmax are the same index
 */
public record ParityStats(
        int count,
        double maxAbs,
        double maxRel,
        double cosine,
        int worstIndex,
        float worstExpected,
        float worstActual,
        int nonFinite,
        int argmaxRows,
        int argmaxAgree) {

    /** Fraction of the largest expected magnitude below which the relative error is floored. */
    public static final double RELATIVE_FLOOR = 1e-3;

    /**
     * Compares two arrays of the same length element by element.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static ParityStats compare(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("Cannot compare arrays of different lengths: expected has "
                    + expected.length + " values, actual has " + actual.length + " values");
        }
        double scale = 0.0;
        for (float e : expected) {
            if (Float.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        double floor = Math.max(RELATIVE_FLOOR * scale, 1e-12);
        double maxAbs = 0.0;
        double maxRel = 0.0;
        int worst = expected.length == 0 ? -1 : 0;
        int nonFinite = 0;
        double dot = 0.0;
        double expectedSquares = 0.0;
        double actualSquares = 0.0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!Double.isFinite(e) || !Double.isFinite(a)) {
                nonFinite++;
                continue;
            }
            double error = Math.abs(a - e);
            if (error > maxAbs) {
                maxAbs = error;
                worst = i;
            }
            maxRel = Math.max(maxRel, error / Math.max(Math.abs(e), floor));
            dot += e * a;
            expectedSquares += e * e;
            actualSquares += a * a;
        }
        double cosine;
        if (expectedSquares == 0.0 && actualSquares == 0.0) {
            cosine = 1.0;
        } else if (expectedSquares == 0.0 || actualSquares == 0.0) {
            cosine = 0.0;
        } else {
            cosine = dot / Math.sqrt(expectedSquares * actualSquares);
        }
        if (nonFinite > 0) {
            maxAbs = Double.NaN;
            maxRel = Double.NaN;
            cosine = Double.NaN;
        }
        return new ParityStats(expected.length, maxAbs, maxRel, cosine, worst,
                worst < 0 ? Float.NaN : expected[worst], worst < 0 ? Float.NaN : actual[worst],
                nonFinite, 0, 0);
    }

    /**
     * Compares logits laid out as rows of {@code vocabSize} values, adding the argmax
     * agreement per row to the element-wise statistics.
     *
     * @throws IllegalArgumentException if the lengths differ or are not a multiple of vocabSize
     */
    public static ParityStats compareLogits(float[] expected, float[] actual, int vocabSize) {
        ParityStats stats = compare(expected, actual);
        if (vocabSize <= 0 || expected.length % vocabSize != 0) {
            throw new IllegalArgumentException("Logits length " + expected.length
                    + " is not a multiple of the vocabulary size " + vocabSize);
        }
        int rows = expected.length / vocabSize;
        int agree = 0;
        for (int r = 0; r < rows; r++) {
            if (argmax(expected, r * vocabSize, vocabSize) == argmax(actual, r * vocabSize, vocabSize)) {
                agree++;
            }
        }
        return new ParityStats(stats.count, stats.maxAbs, stats.maxRel, stats.cosine,
                stats.worstIndex, stats.worstExpected, stats.worstActual, stats.nonFinite, rows, agree);
    }

    /** Returns the index of the largest value, the first one on ties (as {@code torch.argmax}). */
    public static int argmax(float[] values) {
        return argmax(values, 0, values.length);
    }

    private static int argmax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Returns whether nothing was non-finite and the max absolute error is at most {@code tolerance}. */
    public boolean withinAbs(double tolerance) {
        return nonFinite == 0 && maxAbs <= tolerance;
    }

    /** Returns whether every compared row has the same argmax (true when none were compared). */
    public boolean argmaxAgrees() {
        return argmaxAgree == argmaxRows;
    }

    /**
     * Returns one line for a table, for example
     * {@code max_abs 1.2e-06  max_rel 3.4e-05  cos 0.99999998  worst [17] 0.52 vs 0.520001  argmax 1/1}.
     */
    public String summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "max_abs %.2e  max_rel %.2e  cos %.8f  worst [%d] %s vs %s", maxAbs, maxRel, cosine,
                worstIndex, Float.toString(worstExpected), Float.toString(worstActual)));
        if (nonFinite > 0) {
            line.append("  non-finite ").append(nonFinite);
        }
        if (argmaxRows > 0) {
            line.append("  argmax ").append(argmaxAgree).append('/').append(argmaxRows);
        }
        return line.toString();
    }

    /** Flattens [A][B] row-major. */
    public static float[] flatten(float[][] values) {
        int total = 0;
        for (float[] row : values) {
            total += row.length;
        }
        float[] out = new float[total];
        int n = 0;
        for (float[] row : values) {
            System.arraycopy(row, 0, out, n, row.length);
            n += row.length;
        }
        return out;
    }

    /** Flattens [A][B][C] row-major. */
    public static float[] flatten(float[][][] values) {
        float[][] rows = java.util.Arrays.stream(values).flatMap(java.util.Arrays::stream)
                .toArray(float[][]::new);
        return flatten(rows);
    }
}
