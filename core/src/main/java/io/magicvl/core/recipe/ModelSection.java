package io.magicvl.core.recipe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The recipe's {@code model} section.
 *
 * @param architecture the model preset, one of {@link #ARCHITECTURES}; the checkpoint's
 *     config.json must describe the same family
 */
public record ModelSection(String architecture) {
    /** The architecture names recipes and {@code magicvl synth} accept. */
    public static final java.util.List<String> ARCHITECTURES =
            java.util.List.of("magicvl-2b", "magicvl-2b-qwen25", "internvl2_5-2b", "magicvl-nano");

    @JsonCreator
    public ModelSection(@JsonProperty(value = "architecture", required = true) String architecture) {
        this.architecture = architecture;
    }

    /**
     * Checks the architecture name.
     *
     * @throws io.magicvl.core.MagicvlException naming the recipe, the key and the allowed names
     */
    public ModelSection validate(Recipe recipe) {
        if (!ARCHITECTURES.contains(architecture)) {
            throw recipe.invalid("model.architecture", "'" + architecture + "' is not known. Use one of "
                    + String.join(", ", ARCHITECTURES) + ".");
        }
        return this;
    }
}
