package io.magicvl.quantizer.calib;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Calibration statistics of one activation tensor over all calibration inputs: its range and
 * two histograms, one of the values over [min, max] and one of the magnitudes over [0, absMax].
 */
public final class TensorStatistics {
    @JsonProperty("min")
    public double min = Double.POSITIVE_INFINITY;

    @JsonProperty("max")
    public double max = Double.NEGATIVE_INFINITY;

    /** Counts of values in {@code bins} equal bins over [min, max]; the last bin includes max. */
    @JsonProperty("histogram")
    public long[] histogram;

    /** Counts of |value| in {@code bins} equal bins over [0, max(|min|, |max|)]. */
    @JsonProperty("abs_histogram")
    public long[] absHistogram;

    /** Returns max(|min|, |max|). */
    public double absMax() {
        return Math.max(Math.abs(min), Math.abs(max));
    }

    /** Widens the range with {@code values}. */
    public void addRange(float[] values) {
        for (float value : values) {
            if (Float.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
    }

    /** Adds {@code values} to both histograms (with {@code bins} bins); the range must be final. */
    public void addHistogram(float[] values, int bins) {
        if (histogram == null) {
            histogram = new long[bins];
            absHistogram = new long[bins];
        }
        double width = (max - min) / bins;
        double absWidth = absMax() / bins;
        for (float value : values) {
            if (!Float.isFinite(value)) {
                continue;
            }
            histogram[bin(value - min, width, bins)]++;
            absHistogram[bin(Math.abs(value), absWidth, bins)]++;
        }
    }

    private static int bin(double offset, double width, int bins) {
        if (width <= 0) {
            return 0;
        }
        int index = (int) (offset / width);
        return Math.max(0, Math.min(bins - 1, index));
    }

    /** Returns the statistics of {@code values} alone (both passes), for tests and small inputs. */
    public static TensorStatistics of(float[] values, int bins) {
        TensorStatistics statistics = new TensorStatistics();
        statistics.addRange(values);
        statistics.addHistogram(values, bins);
        return statistics;
    }
}
