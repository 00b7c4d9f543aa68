package io.magicvl.device.energy;

/**
 * How one device reports {@code current_now} and {@code voltage_now}: the units (µA or mA,
 * µV or mV) and the sign of a discharging current. The kernel ABI documents µA, µV and negative
 * while discharging, but vendors differ, so the runner calibrates each device.
 */
public record BatteryConvention(String currentUnit, String voltageUnit, boolean dischargePositive) {

    public BatteryConvention {
        if (!currentUnit.equals("uA") && !currentUnit.equals("mA")) {
            throw new IllegalArgumentException("current unit must be uA or mA, not " + currentUnit);
        }
        if (!voltageUnit.equals("uV") && !voltageUnit.equals("mV")) {
            throw new IllegalArgumentException("voltage unit must be uV or mV, not " + voltageUnit);
        }
    }

    /** Returns the discharge current in amperes (positive while the battery drains). */
    public double dischargeAmperes(double rawCurrent) {
        double amperes = rawCurrent * (currentUnit.equals("uA") ? 1e-6 : 1e-3);
        return dischargePositive ? amperes : -amperes;
    }

    public double volts(double rawVoltage) {
        return rawVoltage * (voltageUnit.equals("uV") ? 1e-6 : 1e-3);
    }

    /** Returns the power drawn from the battery in watts. */
    public double watts(double rawCurrent, double rawVoltage) {
        return dischargeAmperes(rawCurrent) * volts(rawVoltage);
    }

    /** Returns for example {@code uA, uV, discharge negative}. */
    public String describe() {
        return currentUnit + ", " + voltageUnit + ", discharge " + (dischargePositive ? "positive" : "negative");
    }
}
