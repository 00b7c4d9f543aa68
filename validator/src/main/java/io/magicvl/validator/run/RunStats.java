package io.magicvl.validator.run;

/**
 * Throughput of one invocation of a run: items answered in this invocation, wall time, and
 * the time the model spent inside ONNX Runtime as the runtime's phase timings report it.
 *
 * @param openNanos the longest time a worker took to open its model, included in {@code wallNanos}
 * @param ortNanos summed over items: total answer time minus preprocessing and minus the
 *     runtime's Java time between ONNX Runtime calls
 */
public record RunStats(int threads, int itemsRun, long wallNanos, long openNanos, long modelNanos, long ortNanos) {

    /** Returns items answered per second of wall time. */
    public double itemsPerSecond() {
        return wallNanos == 0 ? 0 : itemsRun / (wallNanos / 1e9);
    }

    /**
     * Returns the share of the workers' time spent outside ONNX Runtime: 1 minus the ONNX
     * Runtime time over (threads x wall time). It includes image decoding and preprocessing,
     * tokenization, the runtime's Java glue and the validator's own work (JSON, fsync).
     */
    public double outsideOrtShare() {
        double available = (double) threads * wallNanos;
        return available == 0 ? 0 : 1.0 - ortNanos / available;
    }
}
