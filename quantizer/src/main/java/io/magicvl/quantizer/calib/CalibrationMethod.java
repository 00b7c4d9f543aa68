package io.magicvl.quantizer.calib;

import io.magicvl.core.MagicvlException;
import io.magicvl.quantizer.recipe.CalibrationSettings;

/**
 * How activation ranges are chosen from calibration statistics, with its parameters.
 *
 * @param name {@code minmax}, {@code percentile} or {@code entropy}
 * @param percentile the percentile kept by {@code percentile}, in (50, 100]
 * @param bins histogram bins for {@code percentile} and {@code entropy}
 */
public record CalibrationMethod(String name, double percentile, int bins) {
    public static final double DEFAULT_PERCENTILE = 99.99;
    public static final int DEFAULT_BINS = 2048;

    /**
     * Validates the calibration settings of a recipe.
     *
     * @throws MagicvlException (invalid input) naming the bad key and the allowed values
     */
    public static CalibrationMethod of(CalibrationSettings settings) {
        String name = settings == null || settings.method == null ? "minmax" : settings.method;
        if (!name.equals("minmax") && !name.equals("percentile") && !name.equals("entropy")) {
            throw MagicvlException.invalidInput("quantize.calibration.method: unknown method '" + name
                    + "'; use minmax, percentile or entropy");
        }
        double percentile = settings == null || settings.percentile == null ? DEFAULT_PERCENTILE : settings.percentile;
        if (!(percentile > 50 && percentile <= 100)) {
            throw MagicvlException.invalidInput("quantize.calibration.percentile: " + percentile
                    + " is out of range; use a value above 50 and at most 100, such as 99.99");
        }
        int bins = settings == null || settings.bins == null ? DEFAULT_BINS : settings.bins;
        if (bins < 256 || bins > 65536) {
            throw MagicvlException.invalidInput("quantize.calibration.bins: " + bins
                    + " is out of range; use 256 to 65536 (default 2048)");
        }
        return new CalibrationMethod(name, percentile, bins);
    }
}
