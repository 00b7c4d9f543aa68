package io.magicvl.device.bench;

import io.magicvl.device.energy.BatteryConvention;
import io.magicvl.device.energy.EnergyCounters;
import io.magicvl.device.energy.EnergyResult;
import io.magicvl.device.energy.PowerTrace;
import io.magicvl.device.stats.Stats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the raw {@link RunResult} of one run into run-level metrics and energy. */
public final class RunAnalysis {
    private RunAnalysis() {}

    /** Run-level metrics of one image size: medians over the run's timed answers. */
    public record ImageMetrics(
            int answers, int tiles, int visualTokens, double visionLatencyS, double prefillS, double decodeTokensPerS,
            double totalS, List<Double> visionLatencies) {}

    /** Returns the metrics per image label, in the order the images were answered. */
    public static Map<String, ImageMetrics> perImage(RunResult run) {
        Map<String, List<AnswerRecord>> byImage = new LinkedHashMap<>();
        for (AnswerRecord answer : run.answers()) {
            byImage.computeIfAbsent(answer.image(), k -> new java.util.ArrayList<>()).add(answer);
        }
        Map<String, ImageMetrics> metrics = new LinkedHashMap<>();
        byImage.forEach((image, answers) -> {
            double[] vision = answers.stream().mapToDouble(AnswerRecord::visionS).toArray();
            double[] prefill = answers.stream().mapToDouble(AnswerRecord::prefillS).toArray();
            double[] decode = answers.stream().mapToDouble(AnswerRecord::decodeTokensPerS).filter(d -> !Double.isNaN(d)).toArray();
            double[] total = answers.stream().mapToDouble(AnswerRecord::totalS).toArray();
            AnswerRecord first = answers.get(0);
            metrics.put(image, new ImageMetrics(answers.size(), first.tiles(), first.visualTokens(), Stats.median(vision),
                    Stats.median(prefill), Stats.median(decode), Stats.median(total),
                    answers.stream().map(AnswerRecord::visionS).toList()));
        });
        return metrics;
    }

    /**
     * Computes the run's energy. {@code convention} is required for the battery source;
     * {@code csvTrace} (Unix epoch seconds) for the csv source, shifted by {@code clockOffsetS}.
     */
    public static EnergyResult energy(RunResult run, BatteryConvention convention, PowerTrace csvTrace,
            double clockOffsetS) {
        EnergySamples samples = run.energy();
        String source = samples == null ? "none" : samples.source();
        int images = run.answers().size();
        int tokens = run.answers().stream().mapToInt(AnswerRecord::generatedTokens).sum();
        switch (source) {
            case "none":
                return EnergyResult.unavailable("none", "the device profile names no energy source");
            case "csv": {
                if (csvTrace == null) {
                    return EnergyResult.unavailable("csv", "no --power-trace file was given");
                }
                // clock_offset_s is device clock minus monitor clock, so a monitor time t is device time t + offset.
                double origin = run.epochStartMs() / 1000.0;
                double[] shifted = java.util.Arrays.stream(csvTrace.seconds()).map(t -> t + clockOffsetS - origin).toArray();
                return EnergyResult.integrate("csv", "", new PowerTrace(shifted, csvTrace.watts()), run.idleStart(),
                        run.idleEnd(), run.steadyStart(), run.steadyEnd(), images, tokens);
            }
            default:
                break;
        }
        if (samples.error() != null) {
            return EnergyResult.unavailable(source, samples.error());
        }
        double[] times = samples.times().stream().mapToDouble(Double::doubleValue).toArray();
        PowerTrace trace;
        String description = "";
        switch (source) {
            case "battery" -> {
                if (samples.batteryStatus().equalsIgnoreCase("Charging") || samples.batteryStatus().equalsIgnoreCase("Full")) {
                    return EnergyResult.unavailable(source, "the battery reports '" + samples.batteryStatus()
                            + "', so current_now is not the device's draw; suspend charging or use odpm");
                }
                if (convention == null) {
                    return EnergyResult.unavailable(source, "the battery convention is not calibrated");
                }
                double[] watts = samples.values().stream().mapToDouble(v -> convention.watts(v[0], v[1])).toArray();
                trace = new PowerTrace(times, watts);
                description = convention.describe();
            }
            case "rapl", "odpm" -> {
                double[] raw = samples.values().stream().mapToDouble(v -> v[0]).toArray();
                trace = PowerTrace.fromCumulative(times, EnergyCounters.unwrap(raw, samples.counterRange(), 1e-6));
            }
            default -> {
                return EnergyResult.unavailable(source, "unknown energy source " + source);
            }
        }
        return EnergyResult.integrate(source, description, trace, run.idleStart(), run.idleEnd(), run.steadyStart(),
                run.steadyEnd(), images, tokens);
    }

    /** Returns the raw battery currents of the idle window and of the steady state, for calibration. */
    public static double[][] batteryCurrents(RunResult run) {
        EnergySamples samples = run.energy();
        List<Double> times = samples.times();
        double[] idle = java.util.stream.IntStream.range(0, times.size())
                .filter(i -> times.get(i) >= run.idleStart() && times.get(i) <= run.idleEnd())
                .mapToDouble(i -> samples.values().get(i)[0]).toArray();
        double[] load = java.util.stream.IntStream.range(0, times.size())
                .filter(i -> times.get(i) >= run.steadyStart() && times.get(i) <= run.steadyEnd())
                .mapToDouble(i -> samples.values().get(i)[0]).toArray();
        double[] voltage = samples.values().stream().mapToDouble(v -> v[1]).toArray();
        return new double[][] {idle, load, voltage};
    }
}
