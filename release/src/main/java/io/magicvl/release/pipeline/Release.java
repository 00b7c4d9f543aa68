package io.magicvl.release.pipeline;

import java.nio.file.Path;

/** Entry point of {@code magicvl release}: loads the recipe, plans the steps and runs them. */
public final class Release {
    private Release() {}

    /**
     * Runs the release described by {@code options}.
     *
     * @return the result; {@link ReleaseResult#passed()} is false when a step failed or was unavailable
     */
    public static ReleaseResult run(ReleaseOptions options) {
        RecipeFile recipe = RecipeFile.load(options.recipe());
        return new ReleaseRunner(ReleasePlan.forRecipe(recipe)).run(options, recipe);
    }

    /** Returns the output folder: the given one, else the recipe's {@code release.out}, else {@code runs/<recipe name>}. */
    public static Path defaultOutDir(Path recipePath) {
        RecipeFile recipe = RecipeFile.load(recipePath);
        String out = ReleaseSettings.of(recipe).out();
        return Path.of(out != null ? out : "runs/" + recipe.name());
    }
}
