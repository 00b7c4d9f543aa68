package io.magicvl.runtime;

import java.util.List;

/**
 * Wall-clock time of each phase of one answer, in nanoseconds. {@code decodeStepsNanos}
 * holds one entry per generated token after the first (the first comes from the prefill).
 * {@code outsideOrtNanos} is the time spent in Java between ONNX Runtime calls, from the
 * start of the vision phase to the end of the answer, detokenization included;
 * {@code decodeOutsideOrtNanos} is the part of it inside the decode loop.
 *
 * @param preprocessNanos image decoding, resizing, normalization and prompt tokenization
 * @param visionNanos the vision graph, with its input and output copies
 * @param embedNanos the prompt embedding and the placement of the visual tokens
 * @param prefillNanos the decoder over the whole prompt, up to the first token
 * @param decodeStepsNanos each later token: its embedding, a decoder call, the argmax
 * @param totalNanos the whole answer, detokenization included
 * @param outsideOrtNanos Java time between ONNX Runtime calls after preprocessing
 * @param decodeOutsideOrtNanos Java time between ONNX Runtime calls in the decode loop
 */
public record PhaseTimings(
        long preprocessNanos,
        long visionNanos,
        long embedNanos,
        long prefillNanos,
        List<Long> decodeStepsNanos,
        long totalNanos,
        long outsideOrtNanos,
        long decodeOutsideOrtNanos) {

    public PhaseTimings {
        decodeStepsNanos = List.copyOf(decodeStepsNanos);
    }

    /** Creates timings without a separate decode-loop overhead (recorded as 0). */
    public PhaseTimings(long preprocessNanos, long visionNanos, long embedNanos, long prefillNanos,
            List<Long> decodeStepsNanos, long totalNanos, long outsideOrtNanos) {
        this(preprocessNanos, visionNanos, embedNanos, prefillNanos, decodeStepsNanos, totalNanos, outsideOrtNanos, 0L);
    }

    /** Returns the sum of the decode steps. */
    public long decodeNanos() {
        long sum = 0;
        for (long step : decodeStepsNanos) {
            sum += step;
        }
        return sum;
    }
}
