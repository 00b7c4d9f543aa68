package io.magicvl.device.bench;

import io.magicvl.device.profile.GateSpec;
import io.magicvl.device.stats.Bootstrap;
import io.magicvl.device.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates gates on the candidate: a metric passes when {@code value >= min - tolerance} and
 * {@code value <= max + tolerance}. A metric without data (no baseline, energy unavailable)
 * fails: a gate never passes on a missing measurement.
 */
public final class Gates {
    private Gates() {}

    public static List<GateResult> evaluate(Map<String, GateSpec> gates, Summaries summaries, List<String> images,
            Bootstrap bootstrap, String energyUnavailableReason) {
        List<GateResult> results = new ArrayList<>();
        for (Map.Entry<String, GateSpec> entry : gates.entrySet()) {
            String metric = entry.getKey();
            GateSpec spec = entry.getValue();
            String stat = spec.statOrMedian();
            String image = "";
            if (Metrics.PER_IMAGE.contains(metric)) {
                image = spec.image() != null ? spec.image() : images.get(0);
            }
            Interval interval;
            if (Metrics.COMPARISON_METRICS.contains(metric)) {
                interval = summaries.comparison(metric, image, stat);
            } else {
                double[] values = summaries.values("candidate", metric, image);
                interval = values.length == 0 ? new Interval(Double.NaN, Double.NaN, Double.NaN, 0.95)
                        : bootstrap.of(values, stat);
            }
            results.add(judge(metric, image, stat, spec, interval, energyUnavailableReason));
        }
        return results;
    }

    static GateResult judge(String metric, String image, String stat, GateSpec spec, Interval interval,
            String energyUnavailableReason) {
        double value = interval.estimate();
        double tolerance = spec.toleranceOrZero();
        String label = metric + (image.isEmpty() ? "" : " at " + image) + " (" + stat + ")";
        String threshold = (spec.min() != null ? ">= " + spec.min() : "") + (spec.min() != null && spec.max() != null ? " and " : "")
                + (spec.max() != null ? "<= " + spec.max() : "") + (tolerance > 0 ? " (tolerance " + tolerance + ")" : "");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            String why = metric.startsWith("energy") && energyUnavailableReason != null
                    ? "energy is unavailable: " + energyUnavailableReason
                    : Metrics.COMPARISON_METRICS.contains(metric) ? "it needs valid runs of both --baseline and the candidate"
                    : "no valid run measured it";
            return new GateResult(metric, image, stat, spec.min(), spec.max(), tolerance, value, interval, false,
                    "FAIL " + label + ": no value, because " + why + "; threshold " + threshold, "");
        }
        boolean passed = (spec.min() == null || value >= spec.min() - tolerance)
                && (spec.max() == null || value <= spec.max() + tolerance);
        String warning = "";
        if (passed && ((spec.min() != null && interval.lower() < spec.min()) || (spec.max() != null && interval.upper() > spec.max()))) {
            warning = "the " + Math.round(interval.level() * 100) + "% interval [" + format(interval.lower()) + ", "
                    + format(interval.upper()) + "] reaches past the threshold";
        }
        String message = (passed ? "PASS " : "FAIL ") + label + ": value " + format(value) + ", interval ["
                + format(interval.lower()) + ", " + format(interval.upper()) + "], threshold " + threshold;
        return new GateResult(metric, image, stat, spec.min(), spec.max(), tolerance, value, interval, passed, message,
                warning);
    }

    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%.4g", value);
    }

    /** Returns whether every gate passed. */
    public static boolean allPassed(List<GateResult> results) {
        return results.stream().allMatch(GateResult::passed);
    }
}
