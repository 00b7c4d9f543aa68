package io.magicvl.device.bench;

import io.magicvl.device.stats.Interval;
import java.util.List;

/**
 * One metric of one model over its valid runs: the run-level values, their median and p90,
 * and a bootstrap interval of the median. {@code image} is empty for per-run metrics.
 */
public record MetricSummary(String model, String metric, String image, List<Double> values, double median, double p90,
        Interval medianInterval) {}
