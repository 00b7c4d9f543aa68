package io.magicvl.device.bench;

import java.util.List;

/**
 * The measurements of one on-device run of {@link BenchMain}. Times are seconds on the benchmark's
 * monotonic clock, whose zero is {@code epochStartMs} on the device's wall clock.
 */
public record RunResult(
        String export,
        long epochStartMs,
        double idleStart,
        double idleEnd,
        double modelLoadS,
        double steadyStart,
        double steadyEnd,
        int warmupAnswers,
        List<AnswerRecord> answers,
        long peakMemoryBytes,
        String javaVersion,
        String osArch,
        int availableProcessors,
        EnergySamples energy) {}
