package io.magicvl.device.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.device.adb.ShellResult;
import io.magicvl.device.energy.BatteryCalibration;
import io.magicvl.device.energy.BatteryConvention;
import io.magicvl.device.energy.CsvPowerTrace;
import io.magicvl.device.energy.EnergyResult;
import io.magicvl.device.energy.PowerTrace;
import io.magicvl.device.profile.DeviceProfile;
import io.magicvl.device.profile.DeviceProfiles;
import io.magicvl.device.push.BundlePusher;
import io.magicvl.device.report.ReportWriter;
import io.magicvl.device.stats.Bootstrap;
import io.magicvl.device.thermal.ThermalMonitor;
import io.magicvl.device.thermal.ThermalReading;
import io.magicvl.device.thermal.ThermalSource;
import io.magicvl.device.transport.DeviceTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the device benchmark protocol: push the kit, the models and the images; then, for each
 * run, baseline and candidate in turn (A B A B ...), wait for a normal thermal status, run
 * {@link BenchMain} on the device while polling the thermal status, and discard and retry a
 * throttled run. Then summarize, gate and write the reports. When the device disappears or a
 * run cannot be completed, the runs so far are written as an {@code incomplete} report.
 */
public final class DeviceBench {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceBench.class);
    private static final String MAIN_CLASS = "io.magicvl.device.bench.BenchMain";

    private final DeviceTransport device;
    private final BenchOptions options;
    private final BenchListener listener;
    private final DeviceProfile profile;
    private final String base;
    private final ThermalMonitor thermal;
    private final Bootstrap bootstrap = Bootstrap.standard();
    private final List<RunOutcome> outcomes = new ArrayList<>();
    private final Map<String, Double> pushSeconds = new LinkedHashMap<>();
    private final Map<String, String> deviceInfo = new LinkedHashMap<>();
    private BatteryConvention convention;
    private String conventionNote = "";
    private PowerTrace csvTrace;

    public DeviceBench(DeviceTransport device, BenchOptions options, BenchListener listener) {
        this.device = device;
        this.options = options;
        this.listener = listener;
        this.profile = options.profile();
        this.base = profile.workDir() != null ? profile.workDir() : device.defaultWorkDir() + "/magicvl";
        DeviceProfile.Thermal t = profile.thermal();
        this.thermal = new ThermalMonitor(device, ThermalSource.named(t.source(), t.throttleCelsius()), t.maxStatus(),
                Duration.ofMillis(t.pollIntervalMs()), Duration.ofSeconds(t.cooldownTimeoutS()));
        if (!profile.energy().convention().equals("auto")) {
            convention = BatteryCalibration.parse(profile.energy().convention());
            conventionNote = convention.describe() + " (from the profile)";
        }
    }

    /**
     * Runs the whole protocol and writes {@code report.json}, {@code junit.xml} and
     * {@code report.html} into the output folder.
     *
     * @throws MagicvlException (check failed) when the bench stopped early; the partial report is written first
     */
    public BenchReport run() throws IOException, InterruptedException {
        OutputPaths.checkSeparate(options.out(), options.candidate(), options.baseline());
        checkInputs();
        OutputPaths.checkWritable(options.out(), options.force());
        if (options.powerTrace() != null) {
            csvTrace = CsvPowerTrace.read(options.powerTrace());
        }
        long start = System.nanoTime();
        String startedAt = Instant.now().toString();
        Path scratch = Files.createTempDirectory("magicvl-bench");
        String error = null;
        try {
            describeDevice();
            Map<String, String> images = pushAll(scratch);
            List<String> order = options.baseline() != null ? List.of("baseline", "candidate") : List.of("candidate");
            for (int run = 0; run < options.effectiveRuns(); run++) {
                for (String model : order) {
                    outcomes.add(runWithRetries(model, run, images));
                }
            }
        } catch (IOException | MagicvlException e) {
            error = e.getMessage();
            LOG.error("device bench stopped: {}", error);
        } finally {
            OutputPaths.deleteRecursively(scratch);
        }
        BenchReport report = report(error, startedAt, (System.nanoTime() - start) / 1e9);
        ReportWriter.writeAll(report, options.out(), options.force());
        if (error != null) {
            throw MagicvlException.checkFailed("Device bench on " + device.id() + " stopped after " + validRuns()
                    + " valid run(s): " + error + " The partial results are in " + options.out() + ".");
        }
        return report;
    }

    private void checkInputs() {
        for (Path export : options.baseline() == null ? List.of(options.candidate())
                : List.of(options.candidate(), options.baseline())) {
            if (!Files.isDirectory(export)) {
                throw MagicvlException.invalidInput("Export folder " + export + " not found; give the folder that "
                        + "'magicvl convert' or 'magicvl quantize' wrote.");
            }
        }
        if (profile.launcher().kind().equals("app_process") && options.kit() == null) {
            throw MagicvlException.invalidInput("Profile " + profile.name() + " launches the benchmark with app_process, "
                    + "which needs a DEX kit built with the Android build tools: pass --kit DIR (see docs/device.md).");
        }
    }

    private void describeDevice() throws IOException {
        deviceInfo.put("id", device.id());
        if (profile.os().equals("android")) {
            for (String property : List.of("ro.product.model", "ro.build.fingerprint", "ro.product.cpu.abi")) {
                deviceInfo.put(property, device.shell("getprop " + property, Duration.ofSeconds(30)).stdoutText().strip());
            }
        } else {
            deviceInfo.put("uname", device.shell("uname -srm", Duration.ofSeconds(30)).stdoutText().strip());
        }
    }

    private Map<String, String> pushAll(Path scratch) throws IOException {
        BundlePusher pusher = new BundlePusher(device);
        Path kit = options.kit() != null ? options.kit() : BenchKit.assemble(scratch.resolve("kit"));
        pushSeconds.put("kit", pusher.push(kit, base + "/kit").seconds());
        pushSeconds.put("candidate", pusher.push(options.candidate(), base + "/models/candidate").seconds());
        if (options.baseline() != null) {
            pushSeconds.put("baseline", pusher.push(options.baseline(), base + "/models/baseline").seconds());
        }
        Map<String, String> images = BenchImages.write(scratch.resolve("images"), profile.protocol().images());
        pushSeconds.put("images", pusher.push(scratch.resolve("images"), base + "/images").seconds());
        Map<String, String> remote = new LinkedHashMap<>();
        images.forEach((label, name) -> remote.put(label, base + "/images/" + name));
        return remote;
    }

    private RunOutcome runWithRetries(String model, int run, Map<String, String> images)
            throws IOException, InterruptedException {
        List<Attempt> attempts = new ArrayList<>();
        int maxAttempts = profile.thermal().maxRetries() + 1;
        for (int number = 1; number <= maxAttempts; number++) {
            ThermalReading before = thermal.awaitNormal();
            listener.attemptStarting(model, run, number);
            LOG.info("run {}/{} of {} (attempt {}) on {}", run + 1, options.effectiveRuns(), model, number, device.id());
            ThermalMonitor.Watch watch = thermal.watch();
            long started = System.nanoTime();
            ShellResult result;
            try {
                result = device.shell(command(model, images), Duration.ofSeconds(profile.protocol().runTimeoutS()));
            } catch (IOException | RuntimeException e) {
                watch.cancel();
                throw e;
            }
            ThermalReading worst = watch.stop();
            double wall = (System.nanoTime() - started) / 1e9;
            if (!result.ok()) {
                throw MagicvlException.checkFailed("The benchmark of " + model + " (run " + (run + 1) + ") exited with code "
                        + result.exitCode() + " on " + device.id() + ": " + tail(result.stderrText()));
            }
            RunResult raw = parse(result.stdoutText(), model);
            if (worst != null) {
                String reason = "throttled: " + worst + " (allowed status <= " + profile.thermal().maxStatus() + ")";
                LOG.warn("discarding run {} of {} (attempt {}): {}", run + 1, model, number, reason);
                attempts.add(new Attempt(number, false, reason, before.toString(), worst.toString(), wall));
                listener.attemptFinished(model, run, number, false);
                continue;
            }
            attempts.add(new Attempt(number, true, "", before.toString(), "", wall));
            listener.attemptFinished(model, run, number, true);
            return outcome(model, run, attempts, raw);
        }
        throw MagicvlException.checkFailed("Run " + (run + 1) + " of " + model + " throttled on all " + maxAttempts
                + " attempts: " + attempts.stream().map(Attempt::reason).toList()
                + ". Cool the device, lower the load, or raise thermal.max_retries.");
    }

    private RunOutcome outcome(String model, int run, List<Attempt> attempts, RunResult raw) {
        if (convention == null && raw.energy() != null && raw.energy().source().equals("battery")
                && raw.energy().error() == null) {
            double[][] currents = RunAnalysis.batteryCurrents(raw);
            try {
                convention = BatteryCalibration.detect(currents[0], currents[1], currents[2]);
                conventionNote = convention.describe() + " (calibrated on run 1 of " + model + ": idle vs steady state)";
                LOG.info("battery convention of {}: {}", device.id(), conventionNote);
            } catch (MagicvlException e) {
                conventionNote = "not calibrated: " + e.getMessage();
                LOG.warn("battery calibration failed: {}", e.getMessage());
            }
        }
        EnergyResult energy = RunAnalysis.energy(raw, convention, csvTrace, profile.energy().clockOffsetS());
        if (!energy.available() && raw.energy() != null && raw.energy().source().equals("battery") && convention == null) {
            energy = EnergyResult.unavailable("battery", conventionNote);
        }
        double peak = raw.peakMemoryBytes() < 0 ? Double.NaN : raw.peakMemoryBytes() / (1024.0 * 1024.0);
        return new RunOutcome(model, run, attempts, RunAnalysis.perImage(raw), peak, raw.modelLoadS(), energy, raw);
    }

    String command(String model, Map<String, String> images) {
        Map<String, Path> remoteImages = new LinkedHashMap<>();
        images.forEach((label, path) -> remoteImages.put(label, Path.of(path)));
        DeviceProfile.Energy energy = profile.energy();
        BenchMain.BenchArguments arguments = new BenchMain.BenchArguments(
                Path.of(base + "/models/" + model), remoteImages, profile.protocol().warmup(),
                profile.protocol().iterations(), profile.protocol().maxNewTokens(), profile.protocol().question(),
                profile.threads().intraOp(), profile.threads().interOp(), energy.source(),
                Path.of(energy.path().isEmpty() ? "/" : energy.path()), energy.rails(), energy.sampleIntervalMs(),
                Math.round(energy.idleSeconds() * 1000));
        StringBuilder command = new StringBuilder("cd " + DeviceTransport.quote(base) + " && ");
        DeviceProfile.Launcher launcher = profile.launcher();
        if (launcher.kind().equals("app_process")) {
            String libs = launcher.nativeLibDir().isEmpty() ? base + "/kit/lib" : launcher.nativeLibDir();
            command.append("CLASSPATH=").append(DeviceTransport.quote(base + "/kit/magicvl-bench.dex"))
                    .append(" LD_LIBRARY_PATH=").append(DeviceTransport.quote(libs))
                    .append(" app_process ").append(DeviceTransport.quote(base)).append(' ').append(MAIN_CLASS);
        } else {
            command.append("DJL_CACHE_DIR=").append(DeviceTransport.quote(base + "/cache")).append(' ')
                    .append(launcher.javaCommand());
            for (String arg : launcher.jvmArgs()) {
                command.append(' ').append(DeviceTransport.quote(arg));
            }
            command.append(" -Djava.awt.headless=true -jar ")
                    .append(DeviceTransport.quote(base + "/kit/" + BenchKit.LAUNCHER));
        }
        for (String arg : arguments.toArgs()) {
            command.append(' ').append(DeviceTransport.quote(arg));
        }
        return command.toString();
    }

    private RunResult parse(String stdout, String model) {
        for (String line : stdout.split("\n")) {
            if (line.startsWith(BenchMain.RESULT_PREFIX)) {
                try {
                    return new ObjectMapper().readValue(line.substring(BenchMain.RESULT_PREFIX.length()), RunResult.class);
                } catch (IOException e) {
                    throw MagicvlException.checkFailed("The benchmark of " + model + " printed an unreadable result: "
                            + e.getMessage());
                }
            }
        }
        throw MagicvlException.checkFailed("The benchmark of " + model + " on " + device.id()
                + " printed no result line; its output ends with: " + tail(stdout));
    }

    private BenchReport report(String error, String startedAt, double wallSeconds) {
        List<String> models = options.baseline() != null ? List.of("baseline", "candidate") : List.of("candidate");
        Summaries summaries = new Summaries(outcomes, bootstrap);
        List<String> images = profile.protocol().images();
        String energyReason = outcomes.stream()
                .filter(o -> o.energy() != null && !o.energy().available())
                .map(o -> o.energy().reason())
                .findFirst().orElse(null);
        List<GateResult> gates = Gates.evaluate(DeviceProfiles.gatesWithLimits(profile), summaries, images, bootstrap,
                energyReason);
        String status = error != null ? "incomplete" : Gates.allPassed(gates) ? "passed" : "failed";
        Map<String, String> modelPaths = new LinkedHashMap<>();
        modelPaths.put("candidate", options.candidate().toString());
        if (options.baseline() != null) {
            modelPaths.put("baseline", options.baseline().toString());
        }
        return new BenchReport(status, error, device.id(), deviceInfo, profile, modelPaths, pushSeconds,
                List.copyOf(outcomes), summaries.all(models, images),
                options.baseline() != null ? summaries.comparisons(images) : Map.of(), gates, conventionNote, startedAt,
                wallSeconds);
    }

    private int validRuns() {
        return outcomes.size();
    }

    private static String tail(String text) {
        String stripped = text.strip();
        return stripped.length() <= 600 ? stripped : "..." + stripped.substring(stripped.length() - 600);
    }
}
