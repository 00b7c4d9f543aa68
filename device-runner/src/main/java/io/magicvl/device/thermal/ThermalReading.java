package io.magicvl.device.thermal;

import java.util.List;

/**
 * One thermal check: the status on Android's scale (0 none, 1 light, 2 moderate, 3 severe,
 * 4 critical, 5 emergency, 6 shutdown; Linux zones are mapped onto it) and the hottest
 * temperature seen in °C (NaN when unknown).
 */
public record ThermalReading(int status, double maxCelsius, String detail) {
    private static final List<String> NAMES =
            List.of("none", "light", "moderate", "severe", "critical", "emergency", "shutdown");

    /** Returns the Android name of a status, for example {@code moderate}. */
    public static String statusName(int status) {
        return status >= 0 && status < NAMES.size() ? NAMES.get(status) : "unknown(" + status + ")";
    }

    @Override
    public String toString() {
        return "thermal status " + status + " (" + statusName(status) + ")"
                + (Double.isNaN(maxCelsius) ? "" : String.format(", max %.1f °C", maxCelsius))
                + (detail.isEmpty() ? "" : ", " + detail);
    }
}
