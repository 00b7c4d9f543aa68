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

    /** Returns items per second of wall time, model loading included. */
    public double itemsPerSecond() {
        return wallNanos == 0 ? 0 : itemsRun / (wallNanos / 1e9);
    }

    /**
     * Returns items per second once the models are open: over the wall time minus the slowest
     * worker's model loading (an approximation with several workers, whose loading overlaps).
     */
    public double steadyItemsPerSecond() {
        long steady = wallNanos - openNanos;
        return steady <= 0 ? 0 : itemsRun / (steady / 1e9);
    }

    /**
     * Returns the share of the workers' time outside ONNX Runtime once the models are open: 1
     * minus the ONNX Runtime time over (threads x (wall time - model loading)). It includes
     * image decoding and preprocessing, tokenization, the runtime's Java glue between ONNX
     * Runtime calls and the validator's own work (JSON, writing lines).
     */
    public double outsideOrtShare() {
        double available = (double) threads * (wallNanos - openNanos);
        return available <= 0 ? 0 : Math.max(0, 1.0 - ortNanos / available);
    }
}
