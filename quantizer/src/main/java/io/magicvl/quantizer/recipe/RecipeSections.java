package io.magicvl.quantizer.recipe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the {@code quantize} section of a recipe file, rejecting unknown keys.
 *
 * <p>NOTE: stands in for core's recipe loader until it lands; the section classes bind the same way there.
 */
public final class RecipeSections {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RecipeSections() {}

    /** Returns the {@code quantize} section of the recipe at {@code file}, empty when the recipe has none. */
    public static QuantizeSection quantize(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Recipe file not found: " + file);
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot parse recipe " + file + ": " + e.getMessage(), e);
        }
        JsonNode section = root == null ? null : root.get("quantize");
        if (section == null || section.isNull()) {
            return new QuantizeSection();
        }
        try {
            return YAML.treeToValue(section, QuantizeSection.class);
        } catch (UnrecognizedPropertyException e) {
            throw MagicvlException.invalidInput("Recipe " + file + ": unknown key '" + e.getPropertyName()
                    + "' at quantize." + path(e) + "; allowed keys: " + e.getKnownPropertyIds(), e);
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Recipe " + file + ": invalid quantize section: "
                    + e.getMessage(), e);
        }
    }

    /** Parses YAML text into {@code type} with the recipe's rules; for tests and inline settings. */
    public static <T> T yamlValue(String yaml, Class<T> type) {
        try {
            return YAML.readValue(yaml, type);
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Invalid recipe text: " + e.getMessage(), e);
        }
    }

    private static String path(UnrecognizedPropertyException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
