package io.magicvl.quantizer.calib;

/**
 * Chooses the quantization range of an activation from its {@link TensorStatistics}.
 *
 * <ul>
 *   <li>minmax: [min, max].
 *   <li>percentile p: from the value histogram, the lower edge of the bin where the cumulative
 *       count reaches (100 - p)% and the upper edge of the bin where it reaches p%.
 *   <li>entropy: the magnitude threshold t that minimises KL(P || Q), searched as TensorRT's
 *       int8 calibration does (below), giving [-t, t] clipped to [min, max].
 * </ul>
 * Every range is widened to include 0, so that 0 is exact after quantization.
 *
 * <p>Entropy, with magnitude histogram h of B bins over [0, absMax] and L = 128 levels (the
 * magnitudes one sign of int8 can hold): for each candidate i from L to B bins, P = h[0..i)
 * with the counts of h[i..B) added to its last bin; Q = h[0..i) (without those outliers) merged
 * into L groups of consecutive bins (group j covers bins floor(j i / L) .. floor((j+1) i / L) - 1)
 * and each group's count spread evenly over the bins of the group where P is not zero. P and Q
 * are normalised, zero entries are smoothed (each zero gets 1e-4, taken evenly from the
 * non-zero entries), and KL = sum P ln(P / Q). The threshold is the upper edge of bin i - 1,
 * i x absMax / B, for the i with the smallest KL (the first one on ties).
 */
public final class RangeCalibrator {
    /** Magnitude levels of one sign of int8, the target of the entropy search. */
    public static final int ENTROPY_LEVELS = 128;
    private static final double SMOOTHING = 1e-4;

    private RangeCalibrator() {}

    /** A quantization range [low, high] with low <= 0 <= high. */
    public record Range(double low, double high) {
        /** Returns the uint8 scale (high - low) / 255. */
        public float scale() {
            double scale = (high - low) / 255.0;
            return scale == 0 ? 1f : (float) scale;
        }

        /** Returns the uint8 zero point round(-low / scale), clamped to 0..255. */
        public int zeroPoint() {
            return (int) Math.max(0, Math.min(255, Math.rint(-low / scale())));
        }
    }

    /** Returns the range of {@code statistics} under {@code method}. */
    public static Range range(TensorStatistics statistics, CalibrationMethod method) {
        return switch (method.name()) {
            case "minmax" -> minMax(statistics);
            case "percentile" -> percentile(statistics, method.percentile());
            case "entropy" -> entropy(statistics, ENTROPY_LEVELS);
            default -> throw new IllegalArgumentException("Unknown calibration method " + method.name());
        };
    }

    public static Range minMax(TensorStatistics statistics) {
        return withZero(statistics.min, statistics.max);
    }

    public static Range percentile(TensorStatistics statistics, double percentile) {
        long[] histogram = statistics.histogram;
        long total = 0;
        for (long count : histogram) {
            total += count;
        }
        double width = (statistics.max - statistics.min) / histogram.length;
        double lowCount = total * (100 - percentile) / 100;
        double highCount = total * percentile / 100;
        long cumulative = 0;
        int lowBin = -1;
        int highBin = histogram.length - 1;
        for (int b = 0; b < histogram.length; b++) {
            cumulative += histogram[b];
            if (lowBin < 0 && cumulative > lowCount) {
                lowBin = b;
            }
            if (cumulative >= highCount) {
                highBin = b;
                break;
            }
        }
        double low = statistics.min + Math.max(0, lowBin) * width;
        double high = statistics.min + (highBin + 1) * width;
        return withZero(low, high);
    }

    public static Range entropy(TensorStatistics statistics, int levels) {
        double threshold = entropyThreshold(statistics.absHistogram, statistics.absMax(), levels);
        return withZero(Math.max(statistics.min, -threshold), Math.min(statistics.max, threshold));
    }

    /** Returns the entropy threshold for magnitude histogram {@code histogram} over [0, absMax]. */
    public static double entropyThreshold(long[] histogram, double absMax, int levels) {
        int bins = histogram.length;
        if (bins <= levels) {
            return absMax;
        }
        double bestDivergence = Double.POSITIVE_INFINITY;
        int bestBins = bins;
        for (int i = levels; i <= bins; i++) {
            double divergence = divergence(histogram, i, levels);
            if (divergence < bestDivergence) {
                bestDivergence = divergence;
                bestBins = i;
            }
        }
        return bestBins * absMax / bins;
    }

    /** Returns KL(P || Q) for the candidate that keeps the first {@code kept} bins. */
    static double divergence(long[] histogram, int kept, int levels) {
        double[] p = new double[kept];
        for (int b = 0; b < kept; b++) {
            p[b] = histogram[b];
        }
        for (int b = kept; b < histogram.length; b++) {
            p[kept - 1] += histogram[b];
        }
        double[] q = new double[kept];
        for (int j = 0; j < levels; j++) {
            int start = (int) ((long) j * kept / levels);
            int end = (int) ((long) (j + 1) * kept / levels);
            double mass = 0;
            int nonZero = 0;
            for (int b = start; b < end; b++) {
                mass += histogram[b];
                if (p[b] != 0) {
                    nonZero++;
                }
            }
            for (int b = start; b < end; b++) {
                q[b] = p[b] != 0 && nonZero > 0 ? mass / nonZero : 0;
            }
        }
        if (!normalizeAndSmooth(p) || !normalizeAndSmooth(q)) {
            return Double.POSITIVE_INFINITY;
        }
        double divergence = 0;
        for (int b = 0; b < kept; b++) {
            if (p[b] > 0) {
                divergence += p[b] * Math.log(p[b] / q[b]);
            }
        }
        return divergence;
    }

    /** Normalises to sum 1 and smooths zeros; returns false when everything is zero. */
    private static boolean normalizeAndSmooth(double[] distribution) {
        double sum = 0;
        int zeros = 0;
        for (double value : distribution) {
            sum += value;
            if (value == 0) {
                zeros++;
            }
        }
        if (sum == 0) {
            return false;
        }
        int nonZeros = distribution.length - zeros;
        double taken = zeros == 0 ? 0 : SMOOTHING * zeros / nonZeros;
        for (int b = 0; b < distribution.length; b++) {
            distribution[b] = distribution[b] == 0 ? SMOOTHING : Math.max(distribution[b] / sum - taken, SMOOTHING * SMOOTHING);
        }
        return true;
    }

    private static Range withZero(double low, double high) {
        return new Range(Math.min(0, low), Math.max(0, high));
    }
}
