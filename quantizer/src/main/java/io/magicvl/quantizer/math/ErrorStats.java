package io.magicvl.quantizer.math;

/**
 * Error of an approximation against a reference: signal-to-quantization-noise ratio, maximum
 * absolute error and cosine similarity, accumulated in double precision over any number of chunks.
 */
public final class ErrorStats {
    private double signal;
    private double noise;
    private double dot;
    private double approxEnergy;
    private double maxAbs;
    private long count;

    /** Adds {@code length} pairs starting at the given offsets. */
    public void add(float[] reference, int referenceOffset, float[] approx, int approxOffset, int length) {
        for (int i = 0; i < length; i++) {
            double r = reference[referenceOffset + i];
            double a = approx[approxOffset + i];
            double d = a - r;
            signal += r * r;
            noise += d * d;
            dot += r * a;
            approxEnergy += a * a;
            maxAbs = Math.max(maxAbs, Math.abs(d));
        }
        count += length;
    }

    /** Adds all pairs of two arrays of equal length. */
    public void add(float[] reference, float[] approx) {
        if (reference.length != approx.length) {
            throw new IllegalArgumentException("length " + reference.length + " != " + approx.length);
        }
        add(reference, 0, approx, 0, reference.length);
    }

    /** Adds sums computed elsewhere over {@code pairs} pairs: sum r^2, sum (a - r)^2, sum r a, sum a^2 and max |a - r|. */
    public void addTotals(double signalSum, double noiseSum, double dotSum, double approxSum, double maxAbsError,
            long pairs) {
        signal += signalSum;
        noise += noiseSum;
        dot += dotSum;
        approxEnergy += approxSum;
        maxAbs = Math.max(maxAbs, maxAbsError);
        count += pairs;
    }

    /** Adds everything {@code other} accumulated. */
    public void merge(ErrorStats other) {
        signal += other.signal;
        noise += other.noise;
        dot += other.dot;
        approxEnergy += other.approxEnergy;
        maxAbs = Math.max(maxAbs, other.maxAbs);
        count += other.count;
    }

    /** Returns 10 log10(sum r^2 / sum (a - r)^2) in dB; +Infinity when the approximation is exact. */
    public double sqnrDb() {
        if (noise == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(signal / noise);
    }

    /** Returns the largest |a - r|. */
    public double maxAbs() {
        return maxAbs;
    }

    /** Returns sum (a - r)^2 / sum r^2, the relative squared error (0 when exact). */
    public double relativeSquaredError() {
        return signal == 0 ? (noise == 0 ? 0 : Double.POSITIVE_INFINITY) : noise / signal;
    }

    /** Returns the cosine similarity of the two vectors (1 when both are zero). */
    public double cosine() {
        if (signal == 0 && approxEnergy == 0) {
            return 1;
        }
        if (signal == 0 || approxEnergy == 0) {
            return 0;
        }
        return dot / Math.sqrt(signal * approxEnergy);
    }

    public long count() {
        return count;
    }
}
