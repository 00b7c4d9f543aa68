package io.magicvl.runtime.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Builds a {@link PreprocessSpec} from a fixture checkpoint's preprocessor_config.json. */
final class FixtureSpecs {
    private FixtureSpecs() {}

    static PreprocessSpec fromCheckpoint(Path checkpoint) {
        try {
            JsonNode config = Json.MAPPER.readTree(checkpoint.resolve("preprocessor_config.json").toFile());
            int tile = config.get("tile_size").asInt();
            int token = config.get("token_pixels").asInt();
            ObjectNode spec = Json.MAPPER.createObjectNode();
            spec.put("scheme", PreprocessSpec.TOKEN_LEVEL);
            spec.put("tile_size", tile);
            spec.put("patch_size", token / 2);
            spec.put("token_pixels", token);
            spec.put("max_tiles", config.get("max_tiles").asInt());
            spec.put("min_tiles", 1);
            spec.put("use_thumbnail", false);
            spec.put("downscale_step", 0.9);
            spec.put("resample", "bicubic");
            spec.put("rescale_factor", config.get("rescale_factor").asDouble());
            spec.set("image_mean", config.get("image_mean"));
            spec.set("image_std", config.get("image_std"));
            spec.put("pad_value", 0.0);
            spec.put("tokens_per_tile", (tile / token) * (tile / token));
            return PreprocessSpec.fromJson(spec, checkpoint.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
