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
        // 0.0 - x rather than -x, so that a zero delta gives a drop of 0.0 and not -0.0.
        return new Interval(0.0 - delta, 0.0 - upper, 0.0 - lower, confidence, resampled);
    }
}
