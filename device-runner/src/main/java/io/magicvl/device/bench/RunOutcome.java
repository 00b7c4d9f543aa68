package io.magicvl.device.bench;

import io.magicvl.device.energy.EnergyResult;
import java.util.List;
import java.util.Map;

/**
 * One run of one model ({@code candidate} or {@code baseline}): its attempts, and for the
 * valid attempt the run-level metrics per image, memory, load time and energy.
 */
public record RunOutcome(
        String model,
        int index,
        List<Attempt> attempts,
        Map<String, RunAnalysis.ImageMetrics> images,
        double peakMemoryMb,
        double modelLoadS,
        EnergyResult energy,
        RunResult raw) {}
