package io.magicvl.device.stats;

import java.util.Arrays;
import java.util.List;

/** Order statistics over run-level values. */
public final class Stats {
    private Stats() {}

    /** Returns the median; NaN for no values. */
    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Returns the 90th percentile; NaN for no values. */
    public static double p90(double[] values) {
        return quantile(values, 0.9);
    }

    /**
     * Returns the {@code q} quantile with linear interpolation between closest ranks (the
     * "type 7" definition used by NumPy and R by default).
     */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }

    /** Returns the mean; NaN for no values. */
    public static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    /** Applies the named statistic ({@code median}, {@code p90}, {@code mean}, {@code min}, {@code max}). */
    public static double apply(String statistic, double[] values) {
        return switch (statistic) {
            case "median" -> median(values);
            case "p90" -> p90(values);
            case "mean" -> mean(values);
            case "min" -> values.length == 0 ? Double.NaN : Arrays.stream(values).min().getAsDouble();
            case "max" -> values.length == 0 ? Double.NaN : Arrays.stream(values).max().getAsDouble();
            default -> throw new IllegalArgumentException("unknown statistic " + statistic);
        };
    }

    /** Statistic names {@link #apply} accepts. */
    public static final List<String> STATISTICS = List.of("median", "p90", "mean", "min", "max");

    public static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
