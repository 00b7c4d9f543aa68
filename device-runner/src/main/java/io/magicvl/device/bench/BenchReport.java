package io.magicvl.device.bench;

import io.magicvl.device.profile.DeviceProfile;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code magicvl device bench} measured and decided. {@code status} is
 * {@code passed}, {@code failed} (a gate failed) or {@code incomplete} (the bench stopped early;
 * {@code error} gives the reason and the runs so far are kept).
 */
public record BenchReport(
        String status,
        String error,
        String device,
        Map<String, String> deviceInfo,
        DeviceProfile profile,
        Map<String, String> models,
        Map<String, Double> pushSeconds,
        List<RunOutcome> runs,
        List<MetricSummary> summary,
        Map<String, io.magicvl.device.stats.Interval> comparisons,
        List<GateResult> gates,
        String batteryConvention,
        String startedAt,
        double wallSeconds) {}
