package io.magicvl.device.bench;

import io.magicvl.device.stats.Bootstrap;
import io.magicvl.device.stats.Interval;
import io.magicvl.device.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Computes per-metric summaries over valid runs and the candidate-versus-baseline comparisons. */
public final class Summaries {
    private final List<RunOutcome> runs;
    private final Bootstrap bootstrap;

    public Summaries(List<RunOutcome> runs, Bootstrap bootstrap) {
        this.runs = runs;
        this.bootstrap = bootstrap;
    }

    /** Returns the run-level values of {@code metric} for {@code model}; {@code image} for per-image metrics. */
    public double[] values(String model, String metric, String image) {
        ToDoubleFunction<RunOutcome> extractor = switch (metric) {
            case Metrics.VISION_LATENCY -> r -> imageValue(r, image, RunAnalysis.ImageMetrics::visionLatencyS);
            case Metrics.PREFILL -> r -> imageValue(r, image, RunAnalysis.ImageMetrics::prefillS);
            case Metrics.DECODE_TOKENS_PER_S -> r -> imageValue(r, image, RunAnalysis.ImageMetrics::decodeTokensPerS);
            case Metrics.PEAK_MEMORY -> RunOutcome::peakMemoryMb;
            case Metrics.MODEL_LOAD -> RunOutcome::modelLoadS;
            case Metrics.ENERGY_PER_IMAGE -> r -> r.energy().perImageJ();
            case Metrics.ENERGY_PER_TOKEN -> r -> r.energy().perTokenJ();
            default -> throw new IllegalArgumentException("not a per-model metric: " + metric);
        };
        return runs.stream()
                .filter(r -> r.model().equals(model) && r.images() != null)
                .mapToDouble(extractor)
                .filter(v -> !Double.isNaN(v) && v >= 0)
                .toArray();
    }

    /** Returns every per-model metric of every model, per image where it applies. */
    public List<MetricSummary> all(List<String> models, List<String> images) {
        List<MetricSummary> summaries = new ArrayList<>();
        for (String model : models) {
            for (String metric : Metrics.MODEL_METRICS) {
                for (String image : Metrics.PER_IMAGE.contains(metric) ? images : List.of("")) {
                    double[] values = values(model, metric, image);
                    summaries.add(new MetricSummary(model, metric, image, java.util.Arrays.stream(values).boxed().toList(),
                            Stats.median(values), Stats.p90(values), bootstrap.of(values, "median")));
                }
            }
        }
        return summaries;
    }

    /** Returns the comparison metric ({@link Metrics#COMPARISON_METRICS}) as an interval; NaN without data. */
    public Interval comparison(String metric, String image, String stat) {
        return switch (metric) {
            case Metrics.ENERGY_SAVING -> bootstrap.saving(values("candidate", Metrics.ENERGY_PER_IMAGE, ""),
                    values("baseline", Metrics.ENERGY_PER_IMAGE, ""), stat);
            case Metrics.VISION_LATENCY_RATIO -> bootstrap.ratio(values("candidate", Metrics.VISION_LATENCY, image),
                    values("baseline", Metrics.VISION_LATENCY, image), stat);
            case Metrics.DECODE_SPEED_RATIO -> bootstrap.ratio(values("candidate", Metrics.DECODE_TOKENS_PER_S, image),
                    values("baseline", Metrics.DECODE_TOKENS_PER_S, image), stat);
            default -> throw new IllegalArgumentException("not a comparison metric: " + metric);
        };
    }

    /** Returns every comparison (median statistic), keyed {@code metric} or {@code metric@image}. */
    public Map<String, Interval> comparisons(List<String> images) {
        Map<String, Interval> result = new LinkedHashMap<>();
        result.put(Metrics.ENERGY_SAVING, comparison(Metrics.ENERGY_SAVING, "", "median"));
        for (String image : images) {
            result.put(Metrics.VISION_LATENCY_RATIO + "@" + image, comparison(Metrics.VISION_LATENCY_RATIO, image, "median"));
            result.put(Metrics.DECODE_SPEED_RATIO + "@" + image, comparison(Metrics.DECODE_SPEED_RATIO, image, "median"));
        }
        return result;
    }

    private static double imageValue(RunOutcome run, String image, ToDoubleFunction<RunAnalysis.ImageMetrics> field) {
        RunAnalysis.ImageMetrics metrics = run.images().get(image);
        return metrics == null ? Double.NaN : field.applyAsDouble(metrics);
    }
}
