package io.magicvl.release.steps;

import io.magicvl.core.MagicvlException;
import io.magicvl.device.DeviceSection;
import io.magicvl.device.adb.AdbServerAddress;
import io.magicvl.device.bench.BenchListener;
import io.magicvl.device.bench.BenchOptions;
import io.magicvl.device.bench.BenchReport;
import io.magicvl.device.bench.DeviceBench;
import io.magicvl.device.bench.GateResult;
import io.magicvl.device.profile.DeviceProfile;
import io.magicvl.device.profile.DeviceProfiles;
import io.magicvl.device.transport.DevicePool;
import io.magicvl.device.transport.DeviceTransport;
import io.magicvl.release.pipeline.Gate;
import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import io.magicvl.release.pipeline.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks the candidate against the baseline on a device ({@code magicvl device bench})
 * and applies the profile's gates plus the recipe's {@code device.gates}. The device is this
 * machine unless {@code --device} names another; the profile is the recipe's
 * {@code device.profile}, else {@code devices/local.yaml} beside the recipe.
 */
public final class DeviceStep implements ReleaseStep {
    /** The profile used when the recipe names none, relative to the recipe's folder. */
    static final String DEFAULT_PROFILE = "devices/local.yaml";

    @Override
    public String name() {
        return "device";
    }

    @Override
    public String inputsHash(StepContext context) {
        InputsHash hash = new InputsHash(name())
                .json("device", context.recipe().section("device"))
                .content("profile", profileFile(context))
                .text("device-serial", context.options().deviceOrLocal())
                .step(context.record("quantize"))
                .text("baseline", Baselines.describe(context));
        if (Baselines.isConverted(context)) {
            hash.step(context.record("convert"));
        } else {
            hash.content("baseline-export", Baselines.export(context));
        }
        return hash.sha256();
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        DeviceSection section = DeviceSection.of(context.recipe().recipe());
        DeviceProfile profile = section.applyTo(DeviceProfiles.load(profileFile(context)), context.recipe().path().toString());
        Path baseline = section.baseline() != null ? context.recipe().resolve(section.baseline()) : Baselines.export(context);
        Path trace = section.powerTrace() == null ? null : context.recipe().resolve(section.powerTrace());

        Path out = context.stepDir().resolve("bench");
        BenchOptions options = new BenchOptions(context.dirOf("quantize").resolve(ConvertStep.EXPORT), baseline, profile, out,
                section.runs() == null ? 0 : section.runs(), trace, null, false);
        List<AdbServerAddress> servers = context.options().adb().isEmpty() ? List.of(AdbServerAddress.fromEnvironment())
                : context.options().adb().stream().map(AdbServerAddress::parse).toList();
        // The local device's work folder sits outside the step folders, so the copies of the
        // models and the benchmark kit pushed there are not hashed as the step's outputs.
        DevicePool pool = new DevicePool(servers, context.outDir().resolve("local-device"));
        BenchReport report;
        try (DeviceTransport transport = pool.open(context.options().deviceOrLocal())) {
            report = new DeviceBench(transport, options, BenchListener.NONE).run();
        } catch (MagicvlException e) {
            if (e.kind() == MagicvlException.Kind.CHECK_FAILED && Files.exists(out.resolve("report.html"))) {
                return new StepResult(StepStatus.FAILED, e.getMessage(), List.of(), "bench/report.html", Map.of());
            }
            throw e;
        }

        List<Gate> gates = new ArrayList<>();
        for (GateResult gate : report.gates()) {
            gates.add(toGate(gate, name()));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("device", report.device());
        summary.put("profile", report.profile().name());
        summary.put("runs", report.runs().size());
        summary.put("comparisons", report.comparisons());
        String message = "device " + report.device() + ", profile " + report.profile().name() + ", "
                + report.runs().size() + " valid runs; " + gates.stream().filter(Gate::passed).count() + " of "
                + gates.size() + " gate(s) passed";
        return StepResult.gated(message, gates, "bench/report.html", summary);
    }

    /** Converts a device gate: value {@code >= min - tolerance} and {@code <= max + tolerance}. */
    static Gate toGate(GateResult result, String step) {
        String name = result.metric() + (result.image() == null || result.image().isEmpty() ? "" : "@" + result.image())
                + "." + result.stat();
        String comparison;
        Double threshold;
        if (result.min() != null && result.max() == null) {
            comparison = ">=";
            threshold = result.min() - result.tolerance();
        } else if (result.max() != null && result.min() == null) {
            comparison = "<=";
            threshold = result.max() + result.tolerance();
        } else {
            comparison = "within [" + result.min() + ", " + result.max() + "] +/- " + result.tolerance();
            threshold = null;
        }
        List<Double> interval = Double.isNaN(result.interval().lower()) ? null
                : List.of(result.interval().lower(), result.interval().upper());
        Double value = Double.isNaN(result.value()) ? null : result.value();
        String explanation = result.message() + (result.warning() == null || result.warning().isEmpty() ? ""
                : " (warning: " + result.warning() + ")");
        return new Gate(name, step, value, comparison, threshold, interval, unitOf(result.metric()), result.passed(),
                explanation);
    }

    /** Returns the unit a device metric's name ends with, or an empty string for ratios. */
    static String unitOf(String metric) {
        if (metric.endsWith("tokens_per_s")) {
            return "tokens/s";
        }
        if (metric.endsWith("_s")) {
            return "s";
        }
        if (metric.endsWith("_mb")) {
            return "MiB";
        }
        if (metric.endsWith("_j")) {
            return "J";
        }
        return "";
    }

    private static Path profileFile(StepContext context) {
        DeviceSection section = DeviceSection.of(context.recipe().recipe());
        Path file = context.recipe().resolve(section.profile() != null ? section.profile() : DEFAULT_PROFILE);
        if (!Files.isRegularFile(file)) {
            throw context.recipe().recipe().invalid("device.profile", "profile file not found: " + file
                    + " (profiles live in recipes/devices/)");
        }
        return file;
    }
}
