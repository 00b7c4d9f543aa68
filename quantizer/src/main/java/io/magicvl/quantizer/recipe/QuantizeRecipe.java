package io.magicvl.quantizer.recipe;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;

/** A recipe file's validated {@code quantize} section, with its paths resolved against the recipe's folder. */
public record QuantizeRecipe(QuantizePlan plan, String name, String sha256) {

    /**
     * Loads {@code recipe}'s quantize section and validates it completely, so that a bad recipe
     * fails before any graph is read.
     *
     * @throws MagicvlException (invalid input) naming the file, the key and the allowed values
     */
    public static QuantizeRecipe of(Recipe recipe) {
        QuantizeSection section = recipe.section("quantize", QuantizeSection.class);
        if (section == null) {
            throw MagicvlException.invalidInput("Recipe " + recipe.path() + " has no quantize section; add one, for"
                    + " example quantize: {components: {decoder: {scheme: int4-weight, block_size: 32}}}");
        }
        if (section.components == null) {
            section.components = new java.util.LinkedHashMap<>();
        }
        if (section.overrides == null) {
            section.overrides = new ArrayList<>();
        }
        if (section.calibration == null) {
            section.calibration = new CalibrationSettings();
        }
        CalibrationSettings calibration = section.calibration;
        if (calibration.images != null) {
            List<String> resolved = new ArrayList<>();
            for (String image : calibration.images) {
                resolved.add(recipe.resolve(image).toString());
            }
            calibration.images = resolved;
        }
        if (calibration.cacheDir != null) {
            calibration.cacheDir = recipe.resolve(calibration.cacheDir).toString();
        }
        QuantizePlan plan;
        try {
            plan = QuantizePlan.of(section);
        } catch (MagicvlException e) {
            throw MagicvlException.invalidInput("Recipe " + recipe.path() + ": " + e.getMessage(), e);
        }
        return new QuantizeRecipe(plan, recipe.name(), recipe.sha256());
    }
}
