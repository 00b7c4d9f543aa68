package io.magicvl.release.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.magicvl.release.bundle.ExtractionLimits;

/**
 * The recipe's {@code release} section: what the release produces and what it compares
 * against. Every key is optional; docs/recipes.md lists them.
 *
 * @param bundle file name of the bundle written into the output folder; default {@code <recipe name>.tar.zst}
 * @param out default output folder when {@code --out} is not given, relative to the recipe's folder
 * @param baseline what the candidate is compared with: {@code converted} (the fp32 export of the
 *     same checkpoint, made by the convert step) or the path of an export folder, relative to the recipe
 * @param maxEntryBytes limit per entry when the release verifies its bundle
 * @param maxTotalBytes limit on all entries when the release verifies its bundle
 */
public record ReleaseSettings(
        String bundle, String out, String baseline, Long maxEntryBytes, Long maxTotalBytes) {
    /** Baseline meaning the fp32 export of the same checkpoint. */
    public static final String CONVERTED = "converted";

    @JsonCreator
    public ReleaseSettings(
            @JsonProperty("bundle") String bundle,
            @JsonProperty("out") String out,
            @JsonProperty("baseline") String baseline,
            @JsonProperty("max_entry_bytes") Long maxEntryBytes,
            @JsonProperty("max_total_bytes") Long maxTotalBytes) {
        this.bundle = bundle;
        this.out = out;
        this.baseline = baseline == null ? CONVERTED : baseline;
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Reads the {@code release} section of a recipe, rejecting unknown keys; defaults when absent. */
    public static ReleaseSettings of(RecipeFile recipe) {
        ReleaseSettings settings = recipe.section("release", ReleaseSettings.class);
        return settings != null ? settings : new ReleaseSettings(null, null, null, null, null);
    }

    /** Returns the bundle file name. */
    public String bundleName(RecipeFile recipe) {
        String name = bundle != null ? bundle : recipe.name() + ".tar.zst";
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw recipe.recipe().invalid("release.bundle", "\"" + name + "\" must be a plain file name such as "
                    + recipe.name() + ".tar.zst (no folders, not starting with '.')");
        }
        return name;
    }

    /** Returns the extraction limits used to verify the bundle. */
    public ExtractionLimits limits() {
        ExtractionLimits defaults = ExtractionLimits.defaults();
        return new ExtractionLimits(
                maxEntryBytes != null ? maxEntryBytes : defaults.maxEntryBytes(),
                maxTotalBytes != null ? maxTotalBytes : defaults.maxTotalBytes(),
                defaults.maxEntries());
    }
}
