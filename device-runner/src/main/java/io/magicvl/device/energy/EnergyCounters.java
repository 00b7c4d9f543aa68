package io.magicvl.device.energy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for cumulative energy counters: Pixel ODPM power rails and Linux RAPL. */
public final class EnergyCounters {
    /** {@code CH0(T=1234)[S4M_VDD_CPUCL0], 5678}: rail name and cumulative energy in µW·s. */
    private static final Pattern ODPM_LINE = Pattern.compile("CH\\d+\\(T=\\d+\\)\\[([^\\]]+)\\],\\s*(\\d+)");

    private EnergyCounters() {}

    /**
     * Parses the text of an ODPM {@code energy_value} file into cumulative µW·s per rail.
     * NOTE: the format follows Pixel 6 kernels as documented by others; it is untested on a real
     * device here.
     */
    public static Map<String, Long> parseOdpm(String text) {
        Map<String, Long> rails = new LinkedHashMap<>();
        Matcher matcher = ODPM_LINE.matcher(text);
        while (matcher.find()) {
            rails.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return rails;
    }

    /**
     * Returns cumulative joules from raw counter readings that may wrap around at
     * {@code maxRange} (RAPL's {@code max_energy_range_uj}); {@code scale} converts a raw unit to
     * joules (1e-6 for µJ and µW·s).
     */
    public static double[] unwrap(double[] raw, double maxRange, double scale) {
        double[] joules = new double[raw.length];
        double offset = 0;
        for (int i = 0; i < raw.length; i++) {
            if (i > 0 && raw[i] < raw[i - 1] && maxRange > 0) {
                offset += maxRange;
            }
            joules[i] = (raw[i] + offset - raw[0]) * scale;
        }
        return joules;
    }
}
