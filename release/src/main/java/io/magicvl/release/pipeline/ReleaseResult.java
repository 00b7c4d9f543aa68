package io.magicvl.release.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a release run.
 *
 * @param recipe the recipe that was run
 * @param outDir the release output folder
 * @param steps every step in order, including those not run
 * @param stoppedAfter the step the run was asked to stop after, or null
 */
public record ReleaseResult(RecipeFile recipe, Path outDir, List<StepOutcome> steps, String stoppedAfter) {
    /**
     * One step's line in the release.
     *
     * @param index position from 1
     * @param name step name
     * @param dir the step folder
     * @param record the step record, or null when the step did not run
     * @param reused whether {@code --resume} reused an earlier run of the step
     */
    public record StepOutcome(int index, String name, Path dir, StepRecord record, boolean reused) {
        /** Returns the status; a step without record did not run. */
        public StepStatus status() {
            return record == null ? StepStatus.NOT_RUN : record.status();
        }
    }

    /** Copies the step list. */
    public ReleaseResult {
        steps = List.copyOf(steps);
    }

    /** Returns whether every step ran and passed. */
    public boolean passed() {
        return steps.stream().allMatch(s -> s.status() == StepStatus.PASSED);
    }

    /** Returns the first step that failed, or null. */
    public StepOutcome firstFailure() {
        return steps.stream()
                .filter(s -> s.status() == StepStatus.FAILED)
                .findFirst()
                .orElse(null);
    }

    /** Returns every gate evaluated, in step order. */
    public List<Gate> gates() {
        return steps.stream().filter(s -> s.record() != null).flatMap(s -> s.record().gates().stream()).toList();
    }
}
