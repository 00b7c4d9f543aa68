package io.magicvl.device.energy;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A trace from an external power monitor as CSV with a header row: {@code time_s} (Unix
 * epoch seconds) and either {@code power_w} or both {@code current_a} and {@code voltage_v}.
 * Runs are aligned to it by their wall-clock timestamps plus a fixed offset.
 */
public final class CsvPowerTrace {
    private CsvPowerTrace() {}

    /** Reads the CSV; the returned trace's clock is Unix epoch seconds. */
    public static PowerTrace read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read power trace " + file, e);
        }
        if (lines.isEmpty()) {
            throw MagicvlException.invalidInput("Power trace " + file + " is empty.");
        }
        List<String> header = Arrays.stream(lines.get(0).split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .toList();
        int time = header.indexOf("time_s");
        int power = header.indexOf("power_w");
        int current = header.indexOf("current_a");
        int voltage = header.indexOf("voltage_v");
        if (time < 0 || (power < 0 && (current < 0 || voltage < 0))) {
            throw MagicvlException.invalidInput("Power trace " + file + " header " + header
                    + " needs time_s and power_w (or current_a and voltage_v).");
        }
        List<double[]> samples = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            String line = lines.get(row).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",");
            try {
                double t = Double.parseDouble(fields[time].strip());
                double w = power >= 0
                        ? Double.parseDouble(fields[power].strip())
                        : Double.parseDouble(fields[current].strip()) * Double.parseDouble(fields[voltage].strip());
                samples.add(new double[] {t, w});
            } catch (RuntimeException e) {
                throw MagicvlException.invalidInput("Power trace " + file + " line " + (row + 1) + " is invalid: '"
                        + line + "'.");
            }
        }
        samples.sort((a, b) -> Double.compare(a[0], b[0]));
        return new PowerTrace(samples.stream().mapToDouble(s -> s[0]).toArray(),
                samples.stream().mapToDouble(s -> s[1]).toArray());
    }
}
