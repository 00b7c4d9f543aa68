package io.magicvl.device.bench;

import io.magicvl.device.energy.EnergyCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Reads the device's energy source every {@code intervalMs} in a background thread of the
 * benchmark process, so the samples share the benchmark's clock and cost no adb traffic.
 */
final class DeviceEnergySampler {
    private final String source;
    private final Path path;
    private final List<String> rails;
    private final long intervalMs;
    private final DoubleSupplier clock;
    private final List<Double> times = Collections.synchronizedList(new ArrayList<>());
    private final List<double[]> values = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;
    private volatile String error;
    private double counterRange;
    private String batteryStatus = "";
    private Thread thread;

    DeviceEnergySampler(String source, Path path, List<String> rails, long intervalMs, DoubleSupplier clock) {
        this.source = source;
        this.path = path;
        this.rails = rails;
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    void start() {
        if (source.equals("none") || source.equals("csv")) {
            return;
        }
        try {
            if (source.equals("battery")) {
                batteryStatus = readText(path.resolve("status")).strip();
            } else if (source.equals("rapl")) {
                counterRange = raplRange();
            }
            sampleOnce();
        } catch (IOException | RuntimeException e) {
            error = source + " source at " + path + " is not readable: " + e;
            return;
        }
        thread = new Thread(() -> {
            while (!stopped) {
                try {
                    Thread.sleep(intervalMs);
                    sampleOnce();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    error = source + " sample failed: " + e;
                    return;
                }
            }
        }, "energy-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    EnergySamples stop() throws InterruptedException {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
            try {
                sampleOnce();
            } catch (IOException | RuntimeException e) {
                error = source + " final sample failed: " + e;
            }
        }
        return new EnergySamples(source, List.copyOf(times), List.copyOf(values), counterRange, batteryStatus, rails,
                error);
    }

    private void sampleOnce() throws IOException {
        double[] row = switch (source) {
            case "battery" -> new double[] {readNumber(path.resolve("current_now")), readNumber(path.resolve("voltage_now"))};
            case "rapl" -> new double[] {raplEnergy()};
            case "odpm" -> new double[] {odpmEnergy()};
            default -> throw new IllegalStateException("unknown energy source " + source);
        };
        synchronized (values) {
            times.add(clock.getAsDouble());
            values.add(row);
        }
    }

    private List<Path> raplPackages() throws IOException {
        List<Path> packages = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(path, "intel-rapl:*")) {
            for (Path dir : dirs) {
                // Top-level domains (intel-rapl:0) are packages; sub-domains (intel-rapl:0:0) are inside them.
                if (dir.getFileName().toString().chars().filter(c -> c == ':').count() == 1) {
                    packages.add(dir);
                }
            }
        }
        if (packages.isEmpty()) {
            throw new IOException("no intel-rapl:N packages under " + path);
        }
        Collections.sort(packages);
        return packages;
    }

    private double raplRange() throws IOException {
        double range = 0;
        for (Path dir : raplPackages()) {
            range += readNumber(dir.resolve("max_energy_range_uj"));
        }
        // NOTE: with several packages wrapping at different times the summed counter's wrap is
        // approximate; one-package machines (most) are exact.
        return range;
    }

    private double raplEnergy() throws IOException {
        double total = 0;
        for (Path dir : raplPackages()) {
            total += readNumber(dir.resolve("energy_uj"));
        }
        return total;
    }

    private double odpmEnergy() throws IOException {
        double total = 0;
        boolean found = false;
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(path, "iio:device*")) {
            for (Path device : devices) {
                Path file = device.resolve("energy_value");
                if (!Files.isReadable(file)) {
                    continue;
                }
                for (Map.Entry<String, Long> rail : EnergyCounters.parseOdpm(readText(file)).entrySet()) {
                    if (rails.isEmpty() || rails.contains(rail.getKey())) {
                        total += rail.getValue();
                        found = true;
                    }
                }
            }
        }
        if (!found) {
            throw new IOException("no ODPM rails" + (rails.isEmpty() ? "" : " named " + rails) + " under " + path);
        }
        return total;
    }

    private static double readNumber(Path file) throws IOException {
        return Double.parseDouble(readText(file).strip());
    }

    private static String readText(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
