package io.magicvl.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Image preprocessing facts from {@code preprocessor_config.json}, completed from {@code
 * config.json} where the file is silent or absent.
 *
 * @param source the file read, or null when the checkpoint has none
 * @param processorType {@code image_processor_type}, or an empty string
 * @param tileSize tile side in pixels
 * @param patchSize vision patch side in pixels
 * @param tokenPixels pixels per visual token side
 * @param maxTiles most tiles per image
 * @param mean per-channel mean subtracted after rescaling (RGB)
 * @param std per-channel standard deviation divided by (RGB)
 * @param resample PIL resampling filter (2 = bilinear, 3 = bicubic)
 * @param rescaleFactor factor applied to 8-bit pixel values (1/255)
 */
public record PreprocessorConfig(
        Path source,
        String processorType,
        int tileSize,
        int patchSize,
        int tokenPixels,
        int maxTiles,
        double[] mean,
        double[] std,
        int resample,
        double rescaleFactor) {

    /** Name of the file inside a checkpoint folder. */
    public static final String FILE_NAME = "preprocessor_config.json";

    private static final double[] HALF = {0.5, 0.5, 0.5};
    private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    public PreprocessorConfig {
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /**
     * Reads {@code preprocessor_config.json} from {@code folder}; without it, the tower's
     * standard normalization (0.5/0.5 for SigLIP, ImageNet for InternViT) and bicubic resizing.
     */
    public static PreprocessorConfig read(Path folder, ModelConfig config) {
        Path file = folder.resolve(FILE_NAME);
        boolean siglip = config.vision().kind() == VisionConfig.Kind.SIGLIP;
        double[] defaultMean = siglip ? HALF : IMAGENET_MEAN;
        double[] defaultStd = siglip ? HALF : IMAGENET_STD;
        ImageTiling tiling = config.tiling();
        if (!Files.isRegularFile(file)) {
            return new PreprocessorConfig(null, "", tiling.tileSize(), config.vision().patchSize(), tiling.tokenPixels(),
                    tiling.maxTiles(), defaultMean, defaultStd, 3, 1.0 / 255);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw MagicvlException.invalidInput("Invalid JSON in " + file + ": " + e.getOriginalMessage() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        int tileSize = side(root, "tile_size", side(root, "crop_size", side(root, "size", tiling.tileSize())));
        return new PreprocessorConfig(file, root.path("image_processor_type").asText(""), tileSize,
                config.vision().patchSize(), root.path("token_pixels").asInt(tiling.tokenPixels()),
                root.path("max_tiles").asInt(tiling.maxTiles()), triple(file, root, "image_mean", defaultMean),
                triple(file, root, "image_std", defaultStd), root.path("resample").asInt(3),
                root.path("rescale_factor").asDouble(1.0 / 255));
    }

    /** Reads a side length stored as a number or as {@code {"height": h, "width": w}}. */
    private static int side(JsonNode root, String key, int fallback) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isInt()) {
            return value.intValue();
        }
        if (value.has("height")) {
            return value.get("height").asInt(fallback);
        }
        return value.path("shortest_edge").asInt(fallback);
    }

    private static double[] triple(Path file, JsonNode root, String key, double[] fallback) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isArray() || value.size() != 3) {
            throw MagicvlException.invalidInput("Invalid " + file + ": " + key + " is " + value
                    + ", expected three numbers (R, G, B).");
        }
        double[] result = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!value.get(i).isNumber()) {
                throw MagicvlException.invalidInput("Invalid " + file + ": " + key + "[" + i + "] is " + value.get(i)
                        + ", not a number.");
            }
            result[i] = value.get(i).doubleValue();
        }
        return result;
    }
}
