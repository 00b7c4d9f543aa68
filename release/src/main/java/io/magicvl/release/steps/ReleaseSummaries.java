package io.magicvl.release.steps;

import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a gated step's record into the {@code validation} or {@code device} summary of the manifest. */
final class ReleaseSummaries {
    private ReleaseSummaries() {}

    /** Returns the summary of {@code step}, or null when the release has no such step. */
    static Map<String, Object> of(StepContext context, String step) {
        if (!context.has(step)) {
            return null;
        }
        StepRecord record = context.record(step);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("passed", record.gates().stream().allMatch(g -> g.passed()));
        summary.put("gates", record.gates());
        summary.put("step", step);
        summary.put("details", record.summary());
        return summary;
    }
}
