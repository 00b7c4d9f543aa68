package io.magicvl.device.energy;

import io.magicvl.core.MagicvlException;
import io.magicvl.device.stats.Stats;

/**
 * Detects a device's {@link BatteryConvention} from raw {@code current_now} samples taken
 * while idle and under load, and raw {@code voltage_now} samples.
 *
 * <ul>
 *   <li>Unit: a phone draws tens of mA or more, and no phone draws 20 A, so a median
 *       |current| above 20 000 means µA and below means mA. A voltage above 100 000 means
 *       µV; between 1 000 and 100 000 means mV.
 *   <li>Sign: the current moves in the discharge direction when load is added, so the sign
 *       of {@code median(load) - median(idle)} is the sign of a discharging current.
 * </ul>
 */
public final class BatteryCalibration {
    private static final double MICRO_THRESHOLD = 20_000;
    /** The load must change the current by at least this fraction of the idle magnitude. */
    private static final double MIN_RELATIVE_CHANGE = 0.05;

    private BatteryCalibration() {}

    /**
     * Returns the convention, or throws a check failure naming the numbers when the samples
     * cannot decide it (load did not change the current, or the voltage is implausible).
     */
    public static BatteryConvention detect(double[] idleCurrent, double[] loadCurrent, double[] voltage) {
        if (idleCurrent.length == 0 || loadCurrent.length == 0 || voltage.length == 0) {
            throw MagicvlException.checkFailed("Battery calibration needs idle and load samples of current_now and "
                    + "voltage_now; got " + idleCurrent.length + " idle, " + loadCurrent.length + " load, "
                    + voltage.length + " voltage samples. Lengthen energy.idle_seconds or the run.");
        }
        double idle = Stats.median(idleCurrent);
        double load = Stats.median(loadCurrent);
        double magnitude = Math.max(Math.abs(idle), Math.abs(load));
        String currentUnit = magnitude > MICRO_THRESHOLD ? "uA" : "mA";
        double change = load - idle;
        if (Math.abs(change) < MIN_RELATIVE_CHANGE * Math.max(Math.abs(idle), 1)) {
            throw MagicvlException.checkFailed(String.format(
                    "Battery calibration is inconclusive: current_now median %.0f idle vs %.0f under load (change "
                            + "below %.0f%%). The gauge may update too slowly or the device is charging; run longer, "
                            + "unplug or suspend charging, or set energy.convention in the device profile.",
                    idle, load, MIN_RELATIVE_CHANGE * 100));
        }
        double volts = Stats.median(voltage);
        String voltageUnit;
        if (volts > 100_000) {
            voltageUnit = "uV";
        } else if (volts >= 1_000) {
            voltageUnit = "mV";
        } else {
            throw MagicvlException.checkFailed("Battery calibration: voltage_now median " + volts
                    + " is neither µV nor mV of a Li-ion cell (expected about 3.0-4.5 V).");
        }
        return new BatteryConvention(currentUnit, voltageUnit, change > 0);
    }

    /** Parses a convention written as {@code "uA,uV,discharge-negative"} in a device profile. */
    public static BatteryConvention parse(String text) {
        String[] parts = text.replace(" ", "").split(",");
        if (parts.length != 3 || !parts[2].matches("discharge-(positive|negative)")) {
            throw MagicvlException.invalidInput("Invalid battery convention '" + text
                    + "': expected CURRENT_UNIT,VOLTAGE_UNIT,discharge-positive|discharge-negative, e.g. uA,uV,discharge-negative.");
        }
        try {
            return new BatteryConvention(parts[0], parts[1], parts[2].endsWith("positive"));
        } catch (IllegalArgumentException e) {
            throw MagicvlException.invalidInput("Invalid battery convention '" + text + "': " + e.getMessage());
        }
    }
}
