package io.magicvl.device.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.magicvl.core.MagicvlException;
import io.magicvl.device.bench.Metrics;
import io.magicvl.device.stats.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Loads and checks device profiles; unknown keys are errors that name the file and the key. */
public final class DeviceProfiles {
    /** YAML keys are snake_case; any key the records do not declare is rejected. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Set<String> OS = Set.of("android", "linux");
    private static final Set<String> LAUNCHERS = Set.of("java", "app_process");
    private static final Set<String> ENERGY = Set.of("battery", "odpm", "rapl", "csv", "none");
    private static final Set<String> THERMAL = Set.of("android", "linux", "none");

    private DeviceProfiles() {}

    /** Reads, completes with defaults and validates the profile in {@code file}. */
    public static DeviceProfile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Device profile " + file + " not found. Profiles live in recipes/devices/.");
        }
        DeviceProfile raw;
        try {
            raw = YAML.readValue(file.toFile(), DeviceProfile.class);
        } catch (UnrecognizedPropertyException e) {
            throw MagicvlException.invalidInput(file + ": unknown key '" + e.getPropertyName() + "' at "
                    + path(e) + ". Known keys there: " + e.getKnownPropertyIds() + ".");
        } catch (JsonMappingException e) {
            throw MagicvlException.invalidInput(file + ": invalid value at " + path(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw MagicvlException.invalidInput(file + " is not valid YAML: " + e.getMessage());
        }
        if (raw == null) {
            throw MagicvlException.invalidInput(file + " is empty.");
        }
        DeviceProfile profile = withDefaults(raw, file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        validate(profile, file.toString());
        return profile;
    }

    /** Returns {@code profile} with every missing setting filled in. */
    public static DeviceProfile withDefaults(DeviceProfile p, String fallbackName) {
        String os = or(p.os(), "linux");
        boolean android = os.equals("android");
        DeviceProfile.Launcher l = or(p.launcher(), new DeviceProfile.Launcher(null, null, null, null));
        DeviceProfile.Threads t = or(p.threads(), new DeviceProfile.Threads(null, null));
        DeviceProfile.Energy e = or(p.energy(), new DeviceProfile.Energy(null, null, null, null, null, null, null));
        DeviceProfile.Thermal th = or(p.thermal(), new DeviceProfile.Thermal(null, null, null, null, null, null));
        DeviceProfile.Protocol pr = or(p.protocol(), new DeviceProfile.Protocol(null, null, null, null, null, null, null));
        String energySource = or(e.source(), "none");
        String defaultEnergyPath = switch (energySource) {
            case "battery" -> "/sys/class/power_supply/battery";
            case "rapl" -> "/sys/class/powercap";
            case "odpm" -> "/sys/bus/iio/devices";
            default -> "";
        };
        return new DeviceProfile(
                or(p.name(), fallbackName),
                or(p.description(), ""),
                os,
                or(p.abi(), ""),
                p.workDir(),
                new DeviceProfile.Launcher(
                        or(l.kind(), android ? "app_process" : "java"),
                        or(l.javaCommand(), "java"),
                        or(l.jvmArgs(), List.of()),
                        or(l.nativeLibDir(), "")),
                new DeviceProfile.Threads(or(t.intraOp(), 0), or(t.interOp(), 1)),
                new DeviceProfile.Energy(
                        energySource,
                        or(e.path(), defaultEnergyPath),
                        or(e.sampleIntervalMs(), 100),
                        or(e.idleSeconds(), 1.0),
                        or(e.convention(), "auto"),
                        or(e.rails(), List.of()),
                        or(e.clockOffsetS(), 0.0)),
                new DeviceProfile.Thermal(
                        or(th.source(), android ? "android" : "linux"),
                        or(th.maxStatus(), 1),
                        or(th.pollIntervalMs(), 1000),
                        or(th.cooldownTimeoutS(), 300),
                        or(th.throttleCelsius(), 85.0),
                        or(th.maxRetries(), 2)),
                new DeviceProfile.Protocol(
                        or(pr.runs(), 5),
                        or(pr.warmup(), 1),
                        or(pr.iterations(), 10),
                        or(pr.maxNewTokens(), 16),
                        or(pr.images(), List.of("384x384")),
                        or(pr.question(), "Describe the image."),
                        or(pr.runTimeoutS(), 1800)),
                or(p.limits(), Map.of()),
                or(p.gates(), Map.of()),
                or(p.notes(), Map.of()));
    }

    /** Checks names and ranges; errors name {@code source} and the key. */
    public static void validate(DeviceProfile p, String source) {
        check(OS.contains(p.os()), source, "os", p.os(), OS);
        check(LAUNCHERS.contains(p.launcher().kind()), source, "launcher.kind", p.launcher().kind(), LAUNCHERS);
        check(ENERGY.contains(p.energy().source()), source, "energy.source", p.energy().source(), ENERGY);
        check(THERMAL.contains(p.thermal().source()), source, "thermal.source", p.thermal().source(), THERMAL);
        positive(source, "protocol.runs", p.protocol().runs());
        positive(source, "protocol.iterations", p.protocol().iterations());
        positive(source, "protocol.max_new_tokens", p.protocol().maxNewTokens());
        positive(source, "energy.sample_interval_ms", p.energy().sampleIntervalMs());
        positive(source, "thermal.poll_interval_ms", p.thermal().pollIntervalMs());
        if (p.protocol().warmup() < 0 || p.thermal().maxRetries() < 0 || p.thermal().maxStatus() < 0) {
            throw MagicvlException.invalidInput(source + ": protocol.warmup, thermal.max_retries and "
                    + "thermal.max_status must not be negative.");
        }
        for (String image : p.protocol().images()) {
            ImageSize.parse(image, source + ": protocol.images");
        }
        if (!p.energy().convention().equals("auto")) {
            io.magicvl.device.energy.BatteryCalibration.parse(p.energy().convention());
        }
        for (String limit : p.limits().keySet()) {
            check(Metrics.MODEL_METRICS.contains(limit), source, "limits." + limit + " (metric)", limit, Metrics.MODEL_METRICS);
        }
        for (Map.Entry<String, GateSpec> gate : p.gates().entrySet()) {
            String key = "gates." + gate.getKey();
            GateSpec spec = gate.getValue();
            check(Metrics.GATE_METRICS.contains(gate.getKey()), source, key + " (metric)", gate.getKey(), Metrics.GATE_METRICS);
            if (spec == null || (spec.min() == null && spec.max() == null)) {
                throw MagicvlException.invalidInput(source + ": " + key + " needs min or max.");
            }
            check(Stats.STATISTICS.contains(spec.statOrMedian()), source, key + ".stat", spec.statOrMedian(),
                    Stats.STATISTICS);
            if (spec.image() != null) {
                ImageSize.parse(spec.image(), source + ": " + key + ".image");
                if (!p.protocol().images().contains(spec.image())) {
                    throw MagicvlException.invalidInput(source + ": " + key + ".image " + spec.image()
                            + " is not among protocol.images " + p.protocol().images() + ".");
                }
            }
        }
    }

    /** Returns the gates of the profile plus one {@code max} gate per expected limit. */
    public static Map<String, GateSpec> gatesWithLimits(DeviceProfile profile) {
        Map<String, GateSpec> gates = new LinkedHashMap<>(profile.gates());
        for (Map.Entry<String, Double> limit : profile.limits().entrySet()) {
            gates.putIfAbsent(limit.getKey(), new GateSpec(null, limit.getValue(), null, "max", null));
        }
        return gates;
    }

    private static String path(JsonMappingException e) {
        String joined = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return joined.isEmpty() ? "the top level" : "'" + joined + "'";
    }

    private static void check(boolean ok, String source, String key, String value, Set<String> allowed) {
        if (!ok) {
            throw MagicvlException.invalidInput(source + ": " + key + " '" + value + "' is not one of "
                    + allowed.stream().sorted().toList() + ".");
        }
    }

    private static void check(boolean ok, String source, String key, String value, List<String> allowed) {
        check(ok, source, key, value, Set.copyOf(allowed));
    }

    private static void positive(String source, String key, Integer value) {
        if (value == null || value <= 0) {
            throw MagicvlException.invalidInput(source + ": " + key + " must be a positive integer, not " + value + ".");
        }
    }

    private static <T> T or(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
