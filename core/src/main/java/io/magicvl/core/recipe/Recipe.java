package io.magicvl.core.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML recipe: which model, which checkpoint, and the settings of each pipeline step.
 *
 * <p>{@link #load} checks the top-level keys; each module binds its own section with {@link
 * #section}, which rejects unknown keys and names the file and the full key path in every
 * error. YAML keys are snake_case and map to camelCase Java fields and record components. A
 * missing key binds as null (0 or false for primitives); use boxed types where absence matters.
 *
 * <pre>{@code
 * Recipe recipe = Recipe.load(Path.of("recipes/magicvl-2b.yaml"));
 * ModelSection model = recipe.section("model", ModelSection.class);
 * Path run = recipe.resolve(recipe.section("checkpoint", CheckpointSection.class).run());
 * }</pre>
 */
public final class Recipe {
    /** The top-level keys a recipe may have. */
    public static final Set<String> TOP_LEVEL_KEYS = Set.of(
            "name", "description", "model", "checkpoint", "audit", "convert", "quantize", "validate", "compare",
            "device", "release");

    /** Binds sections: snake_case keys, unknown keys rejected, no silent coercion of scalars. */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final Path path;
    private final byte[] bytes;
    private final JsonNode root;

    private Recipe(Path path, byte[] bytes, JsonNode root) {
        this.path = path;
        this.bytes = bytes;
        this.root = root;
    }

    /**
     * Reads and checks a recipe file.
     *
     * @throws MagicvlException (invalid input) naming the file, the key and the allowed keys
     */
    public static Recipe load(Path path) {
        if (Files.isDirectory(path)) {
            throw MagicvlException.invalidInput("Recipe " + path + " is a folder. Give the path of a recipe YAML file"
                    + " (the recipes/ folder has one per model).");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw MagicvlException.invalidInput("Recipe not found: " + path + ". Give the path of a recipe YAML file"
                    + " (the recipes/ folder has one per model).");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read recipe " + path, e);
        }
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw MagicvlException.invalidInput("Invalid YAML in recipe " + path + ": " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "") + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read recipe " + path, e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw MagicvlException.invalidInput("Recipe " + path + " is empty. Start from a file in recipes/.");
        }
        if (!root.isObject()) {
            throw MagicvlException.invalidInput("Recipe " + path + " must be a YAML mapping of sections (name, model,"
                    + " checkpoint, ...), not a " + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        Iterator<String> keys = root.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw MagicvlException.invalidInput("Unknown key '" + key + "' in recipe " + path + ". Allowed top-level"
                        + " keys: " + String.join(", ", new TreeSet<>(TOP_LEVEL_KEYS)) + ".");
            }
        }
        for (String text : List.of("name", "description")) {
            if (root.has(text) && !root.get(text).isTextual()) {
                throw MagicvlException.invalidInput("Invalid recipe " + path + ": " + text + " must be a string, not "
                        + root.get(text) + ".");
            }
        }
        return new Recipe(path.toAbsolutePath().normalize(), bytes, root);
    }

    /** Returns the recipe file (absolute). */
    public Path path() {
        return path;
    }

    /** Returns the folder that relative paths in the recipe are resolved against. */
    public Path folder() {
        return path.getParent();
    }

    /** Returns {@code name}, or the file name without {@code .yaml}. */
    public String name() {
        if (root.hasNonNull("name")) {
            return root.get("name").textValue();
        }
        return path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** Returns {@code description}, or an empty string. */
    public String description() {
        return root.path("description").asText("");
    }

    /** Returns the hex SHA-256 of the recipe file's bytes, for manifests and provenance. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }

    /** Returns the recipe file's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns true if the recipe has section {@code key}. */
    public boolean has(String key) {
        return root.hasNonNull(key);
    }

    /**
     * Binds section {@code key} to {@code type}, or returns null if the recipe has no such
     * section. Unknown keys, wrong types and missing required values are errors that name the
     * file and the full key path, for example {@code quantize.components.vision.scheme}.
     */
    public <T> T section(String key, Class<T> type) {
        return findSection(key, type).orElse(null);
    }

    /** Binds section {@code key} to {@code type} like {@link #section}, empty if it is absent. */
    public <T> Optional<T> findSection(String key, Class<T> type) {
        if (!TOP_LEVEL_KEYS.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is not a recipe section; add it to Recipe.TOP_LEVEL_KEYS");
        }
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YAML.treeToValue(node, type));
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            known.sort(null);
            throw MagicvlException.invalidInput("Unknown key '" + keyPath(key, e) + "' in recipe " + path
                    + ". Allowed keys there: " + String.join(", ", known) + ".");
        } catch (JsonMappingException e) {
            throw MagicvlException.invalidInput("Invalid value at '" + keyPath(key, e) + "' in recipe " + path + ": "
                    + e.getOriginalMessage() + ".");
        } catch (JsonProcessingException e) {
            throw MagicvlException.invalidInput("Invalid section '" + key + "' in recipe " + path + ": "
                    + e.getOriginalMessage() + ".");
        }
    }

    /**
     * Resolves {@code value} (a path written in the recipe) against the recipe's folder;
     * absolute paths stay as they are.
     */
    public Path resolve(String value) {
        return folder().resolve(value).normalize();
    }

    /**
     * Creates an invalid-input error for {@code keyPath} (for example {@code
     * quantize.components.vision.scheme}) that names this recipe file; modules use it for checks
     * that binding cannot express.
     */
    public MagicvlException invalid(String keyPath, String problem) {
        return MagicvlException.invalidInput("Invalid value at '" + keyPath + "' in recipe " + path + ": " + problem);
    }

    private static String keyPath(String section, JsonMappingException e) {
        StringBuilder path = new StringBuilder(section);
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
