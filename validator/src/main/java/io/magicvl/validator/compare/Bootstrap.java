package io.magicvl.validator.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired bootstrap over clusters: each replicate draws clusters with replacement (the same
 * draw for baseline and candidate) and recomputes a ratio metric, sum of numerators over sum
 * of denominators. An item-level metric uses one item per cluster; a group metric (HallusionBench
 * figures or question pairs) uses one group per cluster with a numerator of 1 when all its
 * questions are correct. The interval is the percentile interval with linear interpolation
 * between order statistics. The same seed gives the same interval.
 */
public final class Bootstrap {
    private final long seed;
    private final int replicates;
    private final double confidence;

    public Bootstrap(long seed, int replicates, double confidence) {
        if (replicates < 100) {
            throw io.magicvl.core.MagicvlException.invalidInput("bootstrap must be at least 100 replicates, found "
                    + replicates + ".");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw io.magicvl.core.MagicvlException.invalidInput("confidence must be between 0 and 1, found "
                    + confidence + ".");
        }
        this.seed = seed;
        this.replicates = replicates;
        this.confidence = confidence;
    }

    /**
     * Clusters with several ratio metrics: {@code numerators[m][side][cluster]} and
     * {@code denominators[m][cluster]}, side 0 the baseline and 1 the candidate. A metric's
     * value is {@code scale x sum(num) / sum(den)}, or {@code scale x sum(num)} when
     * {@code sumOnly}; the statistic is the mean of the metrics' deltas.
     */
    public record Clusters(double[][][] numerators, double[][] denominators, double scale, boolean sumOnly) {
        int size() {
            return denominators[0].length;
        }
    }

    /**
     * Returns {@code pointDelta} (the delta computed on all data) with the interval of the mean
     * of all metrics of {@code clusters}.
     */
    public Interval interval(Clusters clusters, String resampled, double pointDelta) {
        double point = pointDelta;
        int n = clusters.size();
        double[] replicatesOut = new double[replicates];
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[n];
        for (int r = 0; r < replicates; r++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[random.nextInt(n)]++;
            }
            replicatesOut[r] = statistic(clusters, counts);
        }
        Arrays.sort(replicatesOut);
        double alpha = 1 - confidence;
        return new Interval(point, quantile(replicatesOut, alpha / 2), quantile(replicatesOut, 1 - alpha / 2),
                confidence, resampled);
    }

    private static double statistic(Clusters clusters, int[] counts) {
        int metrics = clusters.denominators().length;
        double total = 0;
        for (int m = 0; m < metrics; m++) {
            double baseline = 0;
            double candidate = 0;
            double denominator = 0;
            double[] den = clusters.denominators()[m];
            double[] numBase = clusters.numerators()[m][0];
            double[] numCand = clusters.numerators()[m][1];
            for (int i = 0; i < den.length; i++) {
                int weight = counts == null ? 1 : counts[i];
                if (weight == 0) {
                    continue;
                }
                baseline += weight * numBase[i];
                candidate += weight * numCand[i];
                denominator += weight * den[i];
            }
            if (clusters.sumOnly()) {
                total += (candidate - baseline) * clusters.scale();
            } else if (denominator > 0) {
                total += ((candidate / denominator) - (baseline / denominator)) * clusters.scale();
            }
        }
        return total / metrics;
    }

    /** Returns the {@code p} quantile of sorted values, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        double fraction = position - low;
        return sorted[low] + fraction * (sorted[high] - sorted[low]);
    }
}
