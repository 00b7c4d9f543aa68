package io.magicvl.release.pipeline;

import io.magicvl.release.steps.AuditStep;
import io.magicvl.release.steps.CompareStep;
import io.magicvl.release.steps.ConvertStep;
import io.magicvl.release.steps.DeviceStep;
import io.magicvl.release.steps.PackStep;
import io.magicvl.release.steps.QuantizeStep;
import io.magicvl.release.steps.ValidateStep;
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
        return List.of(
                new AuditStep(),
                new ConvertStep(),
                new QuantizeStep(),
                new ValidateStep(),
                new CompareStep(),
                new DeviceStep(),
                new PackStep("quantize"),
                new VerifyStep());
    }
}
