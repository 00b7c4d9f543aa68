package io.magicvl.release.pipeline;

import java.nio.file.Path;
import java.util.Map;

/**
 * The view a step gets of the release: the recipe, the output folder, its own step folder,
 * and the records and folders of the steps before it.
 */
public final class StepContext {
    private final ReleaseOptions options;
    private final RecipeFile recipe;
    private final Path stepDir;
    private final Map<String, StepRecord> finished;
    private final Map<String, Path> stepDirs;

    StepContext(ReleaseOptions options, RecipeFile recipe, Path stepDir, Map<String, StepRecord> finished,
            Map<String, Path> stepDirs) {
        this.options = options;
        this.recipe = recipe;
        this.stepDir = stepDir;
        this.finished = finished;
        this.stepDirs = stepDirs;
    }

    public ReleaseOptions options() {
        return options;
    }

    public RecipeFile recipe() {
        return recipe;
    }

    /** Returns the folder this step writes into (empty when the step starts). */
    public Path stepDir() {
        return stepDir;
    }

    /** Returns the release output folder. */
    public Path outDir() {
        return options.outDir();
    }

    /** Returns the record of an earlier step, which must have passed. */
    public StepRecord record(String step) {
        StepRecord record = finished.get(step);
        if (record == null) {
            throw new IllegalStateException("Step " + step + " has not run before this step");
        }
        return record;
    }

    /** Returns whether an earlier step of that name is part of this release. */
    public boolean has(String step) {
        return finished.containsKey(step);
    }

    /** Returns the folder of an earlier step. */
    public Path dirOf(String step) {
        record(step);
        return stepDirs.get(step);
    }

    /** Returns the checkpoint folder: {@code --checkpoint}, else the recipe's {@code checkpoint.run} and stage. */
    public Path checkpoint() {
        return CheckpointLocator.locate(recipe, options.checkpoint());
    }
}
