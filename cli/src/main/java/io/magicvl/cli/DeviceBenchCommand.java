package io.magicvl.cli;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.recipe.Recipe;
import io.magicvl.device.DeviceSection;
import io.magicvl.device.bench.BenchListener;
import io.magicvl.device.bench.BenchOptions;
import io.magicvl.device.bench.BenchReport;
import io.magicvl.device.bench.DeviceBench;
import io.magicvl.device.bench.GateResult;
import io.magicvl.device.bench.MetricSummary;
import io.magicvl.device.bench.Metrics;
import io.magicvl.device.bench.RunOutcome;
import io.magicvl.device.profile.DeviceProfile;
import io.magicvl.device.profile.DeviceProfiles;
import io.magicvl.device.transport.DeviceTransport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magicvl device bench}: latency and energy of an export on a device, gated against a baseline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Benchmarks latency and energy of an export on a device, gated against a baseline.",
            "Pushes the benchmark kit, the export (and --baseline) and the images, then runs baseline and",
            "candidate in turn (A B A B ...) with a thermal check before and during each run, discards and",
            "retries throttled runs, and writes report.json, junit.xml and report.html.",
            "Exit code 1 when a gate fails or the bench could not finish (partial results are kept)."
        })
final class DeviceBenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPORT", description = "Export folder of the candidate model.")
    Path candidate;

    @Option(names = "--device", paramLabel = "SERIAL",
            description = "SERIAL, HOST:PORT/SERIAL or local (default: local).")
    String device = "local";

    @Option(names = "--baseline", paramLabel = "EXPORT", description = "Export folder of the baseline model.")
    Path baseline;

    @Option(names = "--profile", paramLabel = "FILE", description = "Device profile, e.g. recipes/devices/local.yaml.")
    Path profileFile;

    @Option(names = "--recipe", paramLabel = "FILE",
            description = "Recipe whose 'device' section names the profile, baseline, runs and extra gates.")
    Path recipeFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the reports.")
    Path out;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per model (default: the profile's protocol.runs).")
    Integer runs;

    @Option(names = "--power-trace", paramLabel = "CSV",
            description = "External power monitor trace (time_s in Unix seconds, power_w) for energy.source csv.")
    Path powerTrace;

    @Option(names = "--kit", paramLabel = "DIR",
            description = "Prebuilt benchmark kit to push (required for app_process; default: this JVM's jars).")
    Path kit;

    @Option(names = "--force", description = "Replace DIR if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the gates and summary as one JSON object.")
    boolean json;

    @Mixin
    AdbServerOptions adb;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DeviceProfile profile;
        Path baselineExport = baseline;
        if (runs != null && runs < 1) {
            throw MagicvlException.invalidInput("--runs must be at least 1, got " + runs + ".");
        }
        int runCount = runs == null ? 0 : runs;
        Path trace = powerTrace;
        if (recipeFile != null) {
            Recipe recipe = Recipe.load(recipeFile);
            DeviceSection section = DeviceSection.of(recipe);
            profile = profileFile != null ? section.applyTo(DeviceProfiles.load(profileFile), recipeFile.toString())
                    : section.profile(recipe);
            if (baselineExport == null && section.baseline() != null) {
                baselineExport = recipe.resolve(section.baseline());
            }
            if (runCount <= 0 && section.runs() != null) {
                runCount = section.runs();
            }
            if (trace == null && section.powerTrace() != null) {
                trace = recipe.resolve(section.powerTrace());
            }
        } else if (profileFile != null) {
            profile = DeviceProfiles.load(profileFile);
        } else {
            throw MagicvlException.invalidInput("Give --profile FILE (see recipes/devices/) or --recipe FILE with a "
                    + "'device' section.");
        }
        if (runCount < 0) {
            throw MagicvlException.invalidInput("--runs must be positive, not " + runCount + ".");
        }
        BenchOptions options = new BenchOptions(candidate, baselineExport, profile, out, runCount, trace, kit, force);
        BenchReport report;
        try (DeviceTransport transport = adb.pool().open(device)) {
            BenchListener progress = new BenchListener() {
                @Override
                public void attemptFinished(String model, int run, int attempt, boolean valid) {
                    spec.commandLine().getErr().printf("run %d %s attempt %d: %s%n", run + 1, model, attempt,
                            valid ? "done" : "discarded");
                }
            };
            report = new DeviceBench(transport, options, progress).run();
        }
        print(report);
        return report.status().equals("passed") ? 0 : 1;
    }

    private void print(BenchReport report) throws Exception {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", report.status());
            result.put("device", report.device());
            result.put("out", out.toString());
            result.put("gates", report.gates());
            result.put("comparisons", report.comparisons());
            out().println(io.magicvl.device.report.ReportWriter.JSON.writeValueAsString(result));
            return;
        }
        out().println("device " + report.device() + ", profile " + report.profile().name() + ", "
                + report.runs().size() + " valid runs, reports in " + out);
        for (MetricSummary s : report.summary()) {
            if (!s.values().isEmpty()) {
                String line = String.format("  %-9s %-20s %-9s median %-10s p90 %-10s%s", s.model(), s.metric(),
                        s.image(), format(s.median()), format(s.p90()), shape(report, s));
                out().println(line.stripTrailing());
            }
        }
        report.runs().stream()
                .map(RunOutcome::energy)
                .filter(e -> e != null && !e.available())
                .findFirst()
                .ifPresent(e -> out().println("  energy: unavailable (" + e.reason() + ")"));
        report.comparisons().forEach((name, interval) -> out().printf("  %-40s %s%n", name,
                Double.isNaN(interval.estimate()) ? "n/a" : interval.toString()));
        for (GateResult gate : report.gates()) {
            out().println("  " + gate.message() + (gate.warning().isEmpty() ? "" : " (warning: " + gate.warning() + ")"));
        }
        out().println(report.status().toUpperCase(java.util.Locale.ROOT));

    }

    /** Returns the tiles and visual tokens of a vision-latency row's image, from the model's first run. */
    private static String shape(BenchReport report, MetricSummary summary) {
        if (!summary.metric().equals(Metrics.VISION_LATENCY)) {
            return "";
        }
        return report.runs().stream()
                .filter(r -> r.model().equals(summary.model()) && r.images() != null)
                .map(r -> r.images().get(summary.image()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(m -> " (" + m.tiles() + " tiles, " + m.visualTokens() + " visual tokens)")
                .orElse("");
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%.4g", value);
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
