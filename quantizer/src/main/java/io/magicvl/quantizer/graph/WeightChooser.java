package io.magicvl.quantizer.graph;

import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.recipe.WeightScheme;

/** Chooses the scheme of each weight of a graph; a {@link QuantizePlan} or a sensitivity trial. */
@FunctionalInterface
public interface WeightChooser {
    /** Returns the scheme of weight {@code name} used as {@code role} in graph {@code component}. */
    WeightScheme schemeFor(String component, String name, QuantizePlan.Role role);
}
