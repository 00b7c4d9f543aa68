package io.magicvl.device.thermal;

import io.magicvl.core.MagicvlException;
import io.magicvl.device.adb.ShellResult;
import io.magicvl.device.transport.DeviceTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a device's thermal state: {@code android}, {@code linux} or {@code none}. */
public interface ThermalSource {

    ThermalReading read(DeviceTransport device) throws IOException;

    /** Returns the source's name as written in device profiles. */
    String name();

    /**
     * Creates the source named in a profile.
     *
     * @param throttleCelsius for {@code linux}: a zone at or above this temperature counts as
     *     status 2 (moderate), and 10 °C below it as status 1 (light)
     */
    static ThermalSource named(String name, double throttleCelsius) {
        return switch (name) {
            case "android" -> new AndroidThermal();
            case "linux" -> new LinuxThermal(throttleCelsius);
            case "none" -> new NoThermal();
            default -> throw MagicvlException.invalidInput(
                    "Unknown thermal source '" + name + "': use android, linux or none.");
        };
    }

    /** {@code dumpsys thermalservice}: "Thermal Status: N" and the HAL temperature lines. */
    final class AndroidThermal implements ThermalSource {
        private static final Pattern STATUS = Pattern.compile("Thermal Status:\\s*(\\d+)");
        private static final Pattern TEMPERATURE = Pattern.compile("mValue=(-?[0-9.]+)");

        @Override
        public ThermalReading read(DeviceTransport device) throws IOException {
            ShellResult result = device.shell("dumpsys thermalservice", Duration.ofSeconds(30));
            return parse(result.stdoutText());
        }

        /** Parses {@code dumpsys thermalservice} output. */
        public static ThermalReading parse(String text) {
            Matcher status = STATUS.matcher(text);
            if (!status.find()) {
                throw MagicvlException.checkFailed("'dumpsys thermalservice' printed no 'Thermal Status:' line; "
                        + "use thermal source linux or none in the device profile. Output: "
                        + text.substring(0, Math.min(200, text.length())));
            }
            double max = Double.NaN;
            Matcher temperature = TEMPERATURE.matcher(text);
            while (temperature.find()) {
                double value = Double.parseDouble(temperature.group(1));
                max = Double.isNaN(max) ? value : Math.max(max, value);
            }
            return new ThermalReading(Integer.parseInt(status.group(1)), max, "dumpsys thermalservice");
        }

        @Override
        public String name() {
            return "android";
        }
    }

    /** {@code /sys/class/thermal/thermal_zone*}: temperatures in millidegrees, mapped to a status. */
    final class LinuxThermal implements ThermalSource {
        private final double throttleCelsius;

        LinuxThermal(double throttleCelsius) {
            this.throttleCelsius = throttleCelsius;
        }

        @Override
        public ThermalReading read(DeviceTransport device) throws IOException {
            ShellResult result = device.shell(
                    "for z in /sys/class/thermal/thermal_zone*; do [ -r \"$z/temp\" ] && echo \"$(cat \"$z/type\" 2>/dev/null) $(cat \"$z/temp\")\"; done",
                    Duration.ofSeconds(30));
            return parse(result.stdoutText(), throttleCelsius);
        }

        /** Parses lines of {@code TYPE MILLIDEGREES}. */
        public static ThermalReading parse(String text, double throttleCelsius) {
            double max = Double.NaN;
            String hottest = "";
            for (String line : text.split("\n")) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length < 2) {
                    continue;
                }
                try {
                    double celsius = Double.parseDouble(fields[fields.length - 1]) / 1000.0;
                    if (Double.isNaN(max) || celsius > max) {
                        max = celsius;
                        hottest = fields[0];
                    }
                } catch (NumberFormatException e) {
                    // A zone whose sensor is unreadable prints nothing useful; skip it.
                }
            }
            int status = 0;
            if (!Double.isNaN(max) && max >= throttleCelsius) {
                status = 2;
            } else if (!Double.isNaN(max) && max >= throttleCelsius - 10) {
                status = 1;
            }
            return new ThermalReading(status, max, hottest.isEmpty() ? "no thermal zones" : "hottest zone " + hottest);
        }

        @Override
        public String name() {
            return "linux";
        }
    }

    /** No thermal information: every reading is status 0 with the detail "not monitored". */
    final class NoThermal implements ThermalSource {
        @Override
        public ThermalReading read(DeviceTransport device) {
            return new ThermalReading(0, Double.NaN, "not monitored");
        }

        @Override
        public String name() {
            return "none";
        }
    }
}
