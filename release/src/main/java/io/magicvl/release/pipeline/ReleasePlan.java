package io.magicvl.release.pipeline;

import io.magicvl.release.steps.PackStep;
import io.magicvl.release.steps.UnavailableStep;
import io.magicvl.release.steps.VerifyStep;
import java.util.List;

/**
 * The steps of {@code magicvl release} in pipeline order: audit, convert (with parity),
 * quantize, validate (candidate and baseline), compare (accuracy gates), device (latency and
 * energy gates), pack, verify.
 */
public final class ReleasePlan {
    private ReleasePlan() {}

    /** Returns the steps for a recipe. */
    public static List<ReleaseStep> forRecipe(RecipeFile recipe) {
        // NOTE: steps whose module has not landed in this build report "not available" and fail.
        return List.of(
                new UnavailableStep("audit", "core (audit)"),
                new UnavailableStep("convert", "converter"),
                new UnavailableStep("quantize", "quantizer"),
                new UnavailableStep("validate", "validator"),
                new UnavailableStep("compare", "validator"),
                new UnavailableStep("device", "device-runner"),
                new PackStep("quantize"),
                new VerifyStep());
    }
}
