package io.magicvl.release.steps;

import io.magicvl.device.DeviceSection;
import io.magicvl.device.profile.DeviceProfiles;
import io.magicvl.quantizer.recipe.QuantizeRecipe;
import io.magicvl.release.pipeline.RecipeFile;
import io.magicvl.release.pipeline.ReleaseSettings;
import io.magicvl.validator.compare.CompareSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks every recipe section the release will read before the first step runs, so a typo
 * in the compare gates or a missing benchmark file is reported in seconds, not after the
 * conversion and quantization.
 */
public final class Preflight {
    /** Step names in pipeline order, as {@code ReleasePlan} lists them. */
    private static final List<String> STEPS =
            List.of("audit", "convert", "quantize", "validate", "compare", "device", "pack", "verify");

    private Preflight() {}

    /**
     * Binds and checks the sections of the steps that will run: all of them, or those up to
     * {@code stopAfter} when it names a step.
     */
    public static void check(RecipeFile recipe, String stopAfter) {
        ReleaseSettings.of(recipe).bundleName(recipe);
        if (runs("quantize", stopAfter)) {
            QuantizeRecipe.of(recipe.recipe());
        }
        if (runs("validate", stopAfter)) {
            ValidateStep.section(recipe);
        }
        if (runs("compare", stopAfter) && !recipe.section("compare").isMissingNode() && !recipe.section("compare").isNull()) {
            CompareSettings.fromNode(recipe.section("compare"), "recipe " + recipe.path() + " compare");
        }
        if (runs("device", stopAfter)) {
            DeviceSection device = DeviceSection.of(recipe.recipe());
            Path profile = recipe.resolve(device.profile() != null ? device.profile() : DeviceStep.DEFAULT_PROFILE);
            device.applyTo(DeviceProfiles.load(profile), recipe.path().toString());
        }
    }

    /** Returns whether {@code step} runs when the release stops after {@code stopAfter} (null: all run). */
    private static boolean runs(String step, String stopAfter) {
        int stop = stopAfter == null ? -1 : STEPS.indexOf(stopAfter);
        return stop < 0 || STEPS.indexOf(step) <= stop;
    }
}
