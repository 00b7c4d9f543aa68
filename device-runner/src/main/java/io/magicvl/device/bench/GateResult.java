package io.magicvl.device.bench;

import io.magicvl.device.stats.Interval;

/**
 * The verdict of one gate with the threshold, tolerance, measured value and its interval.
 * {@code warning} is set when the gate passed but the interval reaches past the threshold.
 */
public record GateResult(
        String metric,
        String image,
        String stat,
        Double min,
        Double max,
        double tolerance,
        double value,
        Interval interval,
        boolean passed,
        String message,
        String warning) {}
