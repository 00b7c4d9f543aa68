package io.magicvl.runtime;

import java.util.List;

/**
 * Wall-clock time of each phase of one answer, in nanoseconds. {@code decodeStepsNanos}
 * holds one entry per generated token after the first; {@code outsideOrtNanos} is the time
 * spent in Java between ONNX Runtime calls.
 */
public record PhaseTimings(
        long preprocessNanos,
        long visionNanos,
        long embedNanos,
        long prefillNanos,
        List<Long> decodeStepsNanos,
        long totalNanos,
        long outsideOrtNanos) {}
