package io.magicvl.device.profile;

/**
 * One gate: the metric must be at least {@code min} (minus {@code tolerance}) and at most
 * {@code max} (plus {@code tolerance}). {@code stat} picks the statistic over runs
 * ({@code median} by default), {@code image} the image size for per-image metrics (for
 * example {@code 384x384}).
 */
public record GateSpec(Double min, Double max, Double tolerance, String stat, String image) {

    public double toleranceOrZero() {
        return tolerance == null ? 0 : tolerance;
    }

    public String statOrMedian() {
        return stat == null ? "median" : stat;
    }
}
