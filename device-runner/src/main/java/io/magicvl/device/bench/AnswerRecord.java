package io.magicvl.device.bench;

/**
 * One timed answer of the steady state: the image size label, tiles and visual tokens, and
 * phase times in seconds on the device's monotonic clock ({@code start} relative to the
 * benchmark's start).
 */
public record AnswerRecord(
        String image,
        int tiles,
        int visualTokens,
        double start,
        double preprocessS,
        double visionS,
        double prefillS,
        int generatedTokens,
        double decodeS,
        int decodeSteps,
        double totalS) {

    /** Returns tokens per second over the decode steps (tokens after the first), NaN without steps. */
    public double decodeTokensPerS() {
        return decodeSteps > 0 && decodeS > 0 ? decodeSteps / decodeS : Double.NaN;
    }
}
