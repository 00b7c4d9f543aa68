package io.magicvl.runtime;

/** Sums the wall time spent inside ONNX Runtime calls, so the rest is Java overhead. */
final class OrtClock {
    private long nanos;

    /** Adds the time since {@code startNanos} (a {@link System#nanoTime()} value). */
    void addSince(long startNanos) {
        nanos += System.nanoTime() - startNanos;
    }

    long nanos() {
        return nanos;
    }
}
