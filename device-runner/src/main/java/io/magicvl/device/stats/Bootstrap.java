package io.magicvl.device.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over runs. Runs are the statistical unit: iterations inside one run
 * share thermals and caches, so resampling them would understate the spread.
 */
public final class Bootstrap {
    private final int resamples;
    private final long seed;
    private final double level;

    public Bootstrap(int resamples, long seed, double level) {
        this.resamples = resamples;
        this.seed = seed;
        this.level = level;
    }

    /** 10 000 resamples, seed 20260101, 95 % level. */
    public static Bootstrap standard() {
        return new Bootstrap(10_000, 20260101L, 0.95);
    }

    /**
     * Returns the interval of {@code stat(candidate) / stat(baseline)}. When both arms have
     * the same number of runs, run i of each arm is resampled together (interleaved A/B runs
     * share drift); otherwise the arms are resampled independently.
     */
    public Interval ratio(double[] candidate, double[] baseline, String statistic) {
        double estimate = Stats.apply(statistic, candidate) / Stats.apply(statistic, baseline);
        if (candidate.length == 0 || baseline.length == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, level);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean paired = candidate.length == baseline.length;
        double[] ratios = new double[resamples];
        double[] c = new double[candidate.length];
        double[] b = new double[baseline.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < c.length; i++) {
                int index = random.nextInt(c.length);
                c[i] = candidate[index];
                if (paired) {
                    b[i] = baseline[index];
                }
            }
            if (!paired) {
                for (int i = 0; i < b.length; i++) {
                    b[i] = baseline[random.nextInt(b.length)];
                }
            }
            ratios[r] = Stats.apply(statistic, c) / Stats.apply(statistic, b);
        }
        Arrays.sort(ratios);
        double alpha = (1 - level) / 2;
        return new Interval(estimate, Stats.quantile(ratios, alpha), Stats.quantile(ratios, 1 - alpha), level);
    }

    /** Returns the interval of {@code statistic} over {@code values}. */
    public Interval of(double[] values, String statistic) {
        double estimate = Stats.apply(statistic, values);
        if (values.length == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, level);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] sample = new double[values.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values[random.nextInt(values.length)];
            }
            stats[r] = Stats.apply(statistic, sample);
        }
        double alpha = (1 - level) / 2;
        return new Interval(estimate, Stats.quantile(stats, alpha), Stats.quantile(stats, 1 - alpha), level);
    }

    /** Energy saving {@code 1 - E_candidate / E_baseline} with its interval (bounds swap under the map). */
    public Interval saving(double[] candidateEnergy, double[] baselineEnergy, String statistic) {
        Interval ratio = ratio(candidateEnergy, baselineEnergy, statistic);
        return new Interval(1 - ratio.estimate(), 1 - ratio.upper(), 1 - ratio.lower(), level);
    }
}
