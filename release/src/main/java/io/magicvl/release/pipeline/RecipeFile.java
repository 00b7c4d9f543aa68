package io.magicvl.release.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.magicvl.core.recipe.Recipe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A recipe as the release reads it: core's {@link Recipe} (checked top-level keys, typed
 * sections) plus the parsed tree, whose sections feed the steps' inputs hashes.
 */
public final class RecipeFile {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Recipe recipe;
    private final JsonNode tree;

    private RecipeFile(Recipe recipe, JsonNode tree) {
        this.recipe = recipe;
        this.tree = tree;
    }

    /** Reads and checks a recipe file. */
    public static RecipeFile load(Path path) {
        Recipe recipe = Recipe.load(path);
        try {
            return new RecipeFile(recipe, YAML.readTree(recipe.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse recipe " + path + " again", e);
        }
    }

    /** Returns core's typed view of the recipe. */
    public Recipe recipe() {
        return recipe;
    }

    public Path path() {
        return recipe.path();
    }

    /** Returns the SHA-256 of the recipe file's bytes. */
    public String sha256() {
        return recipe.sha256();
    }

    /** Returns the recipe's {@code name}, or the file name without extension. */
    public String name() {
        return recipe.name();
    }

    /** Returns a top-level section as JSON (for hashing), or a missing node when absent. */
    public JsonNode section(String key) {
        JsonNode section = tree.get(key);
        return section == null ? MissingNode.getInstance() : section;
    }

    /** Binds a section to its type like {@link Recipe#section}; null when absent. */
    public <T> T section(String key, Class<T> type) {
        return recipe.section(key, type);
    }

    /** Resolves a path written in the recipe against the recipe's folder. */
    public Path resolve(String value) {
        return recipe.resolve(value);
    }
}
