package io.magicvl.release.pipeline;

import io.magicvl.core.io.OutputPaths;
import io.magicvl.release.steps.Preflight;
import java.nio.file.Path;

/** Entry point of {@code magicvl release}: loads the recipe, plans the steps and runs them. */
public final class Release {
    private Release() {}

    /**
     * Runs the release described by {@code options}.
     *
     * @return the result; {@link ReleaseResult#passed()} is false when a step failed
     */
    public static ReleaseResult run(ReleaseOptions options) {
        RecipeFile recipe = RecipeFile.load(options.recipe());
        Preflight.check(recipe, options.stopAfter());
        // --force deletes the output folder, so it must not contain the recipe or the checkpoint.
        OutputPaths.checkSeparate(options.outDir(), recipe.path(), CheckpointLocator.locate(recipe, options.checkpoint()));
        return new ReleaseRunner(ReleasePlan.forRecipe(recipe)).run(options, recipe);
    }

    /**
     * Returns the default output folder: the recipe's {@code release.out} (relative to the
     * recipe's folder), else {@code runs/<recipe name>-release} in the working directory.
     */
    public static Path defaultOutDir(Path recipePath) {
        RecipeFile recipe = RecipeFile.load(recipePath);
        String out = ReleaseSettings.of(recipe).out();
        return out != null ? recipe.resolve(out) : Path.of("runs", recipe.name() + "-release").toAbsolutePath();
    }
}
