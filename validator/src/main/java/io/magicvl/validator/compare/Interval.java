package io.magicvl.validator.compare;

/**
 * A point estimate of a candidate-minus-baseline delta with its bootstrap percentile interval.
 *
 * @param confidence the coverage, for example 0.95
 * @param resampled what the bootstrap resampled: {@code items}, {@code pairs}, {@code figures} or {@code sets}
 */
public record Interval(double delta, double lower, double upper, double confidence, String resampled) {

    /** Returns the drop (baseline minus candidate) as an interval: the delta negated. */
    public Interval asDrop() {
        return new Interval(-delta, -upper, -lower, confidence, resampled);
    }
}
