package io.magicvl.device.profile;

import java.util.List;
import java.util.Map;

/**
 * A device profile ({@code recipes/devices/*.yaml}): what the device is, how the benchmark
 * starts on it, where energy and thermal readings come from, the run protocol, expected
 * limits and gates. Missing sections take the defaults of {@link DeviceProfiles#withDefaults}.
 */
public record DeviceProfile(
        String name,
        String description,
        String os,
        String abi,
        String workDir,
        Launcher launcher,
        Threads threads,
        Energy energy,
        Thermal thermal,
        Protocol protocol,
        Map<String, Double> limits,
        Map<String, GateSpec> gates,
        Map<String, String> notes) {

    /**
     * The on-device benchmark's launcher: {@code java} (a JVM on a Linux device or this
     * machine, command {@code java_command}) or {@code app_process} (Android's runtime with a
     * DEX build of the benchmark, see docs/device.md).
     */
    public record Launcher(String kind, String javaCommand, List<String> jvmArgs, String nativeLibDir) {}

    /** ONNX Runtime thread counts: intra-op (0 = runtime default) and inter-op. */
    public record Threads(Integer intraOp, Integer interOp) {}

    /**
     * Energy source: {@code battery} (current_now × voltage_now under {@code path}),
     * {@code odpm} (Pixel power rails, {@code rails} to sum, all when empty), {@code rapl}
     * (Linux powercap under {@code path}), {@code csv} (an external monitor's trace given to
     * {@code device bench --power-trace}), or {@code none}. {@code convention} is {@code auto}
     * or a fixed battery convention such as {@code uA,uV,discharge-negative}.
     */
    public record Energy(
            String source,
            String path,
            Integer sampleIntervalMs,
            Double idleSeconds,
            String convention,
            List<String> rails,
            Double clockOffsetS) {}

    /**
     * Thermal source ({@code android}, {@code linux}, {@code none}); {@code max_status} is the
     * highest status a valid run may reach; a run above it is discarded and retried up to
     * {@code max_retries} times.
     */
    public record Thermal(
            String source,
            Integer maxStatus,
            Integer pollIntervalMs,
            Integer cooldownTimeoutS,
            Double throttleCelsius,
            Integer maxRetries) {}

    /**
     * Run protocol: runs per model, discarded warm-up answers and timed answers per run, the
     * image sizes ({@code WIDTHxHEIGHT}), the question and the answer length.
     */
    public record Protocol(
            Integer runs,
            Integer warmup,
            Integer iterations,
            Integer maxNewTokens,
            List<String> images,
            String question,
            Integer runTimeoutS) {}
}
