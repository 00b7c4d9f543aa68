package io.magicvl.quantizer.recipe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.magicvl.core.MagicvlException;
import java.io.IOException;

/** Binds recipe text to the quantize section classes with the recipe's rules (unknown keys rejected), for tests. */
public final class RecipeSections {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RecipeSections() {}

    /** Parses YAML text into {@code type} with the recipe's rules; for tests and inline settings. */
    public static <T> T yamlValue(String yaml, Class<T> type) {
        try {
            return YAML.readValue(yaml, type);
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Invalid recipe text: " + e.getMessage(), e);
        }
    }
}
