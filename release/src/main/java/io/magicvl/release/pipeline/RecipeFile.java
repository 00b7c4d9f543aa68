package io.magicvl.release.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.magicvl.core.MagicvlException;
import io.magicvl.release.bundle.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A recipe as the release reads it: the file, its SHA-256 (recorded in the manifest) and its
 * parsed tree, from which each step takes its section.
 */
public final class RecipeFile {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path path;
    private final String sha256;
    private final JsonNode tree;

    private RecipeFile(Path path, String sha256, JsonNode tree) {
        this.path = path;
        this.sha256 = sha256;
        this.tree = tree;
    }

    /** Reads a recipe file. */
    public static RecipeFile load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw MagicvlException.invalidInput("Recipe not found: " + path);
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            JsonNode tree = YAML.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw MagicvlException.invalidInput("Recipe " + path + " is not a YAML mapping of sections");
            }
            return new RecipeFile(path.toAbsolutePath().normalize(), Sha256.ofBytes(bytes), tree);
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot read recipe " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Returns the SHA-256 of the recipe file's bytes. */
    public String sha256() {
        return sha256;
    }

    /** Returns the recipe's {@code name}, or the file name without extension. */
    public String name() {
        JsonNode name = tree.get("name");
        if (name != null && name.isTextual()) {
            return name.asText();
        }
        String file = path.getFileName().toString();
        return file.replaceFirst("\\.ya?ml$", "");
    }

    /** Returns a top-level section, or a missing node when the recipe has none. */
    public JsonNode section(String key) {
        JsonNode section = tree.get(key);
        return section == null ? MissingNode.getInstance() : section;
    }

    /** Returns the whole parsed recipe. */
    public JsonNode tree() {
        return tree;
    }

    /** Resolves a path written in the recipe: relative paths are relative to the recipe's folder. */
    public Path resolve(String value) {
        Path given = Path.of(value);
        return given.isAbsolute() ? given : path.getParent().resolve(given).normalize();
    }
}
