package io.magicvl.runtime.preprocess;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image preprocessing of an export folder, as {@code preprocess.json} states it.
 *
 * @param scheme {@value #TOKEN_LEVEL} (MagicVL) or {@value #INTERNVL_TILES} (InternVL2.5)
 * @param tileSize side of one tile in pixels
 * @param patchSize side of one vision patch in pixels
 * @param tokenPixels side of one visual token in pixels (two patches after the 2x2 unshuffle)
 * @param maxTiles most tiles per image, the thumbnail not counted
 * @param minTiles fewest tiles per image ({@value #INTERNVL_TILES} only)
 * @param useThumbnail whether a whole-image thumbnail tile follows the others when there is
 *     more than one ({@value #INTERNVL_TILES} only)
 * @param downscaleStep factor applied to the scale while an image needs too many tiles
 * @param resample resampling filter; only {@code "bicubic"} is supported
 * @param rescaleFactor multiplier that maps 8-bit values to [0, 1]
 * @param imageMean per-channel mean subtracted after rescaling
 * @param imageStd per-channel standard deviation divided by after subtracting the mean
 * @param padValue value of padded pixels after normalization
 * @param tokensPerTile visual tokens of one full tile
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PreprocessSpec(
        @JsonProperty("scheme") String scheme,
        @JsonProperty("tile_size") int tileSize,
        @JsonProperty("patch_size") int patchSize,
        @JsonProperty("token_pixels") int tokenPixels,
        @JsonProperty("max_tiles") int maxTiles,
        @JsonProperty("min_tiles") int minTiles,
        @JsonProperty("use_thumbnail") boolean useThumbnail,
        @JsonProperty("downscale_step") double downscaleStep,
        @JsonProperty("resample") String resample,
        @JsonProperty("rescale_factor") double rescaleFactor,
        @JsonProperty("image_mean") double[] imageMean,
        @JsonProperty("image_std") double[] imageStd,
        @JsonProperty("pad_value") double padValue,
        @JsonProperty("tokens_per_tile") int tokensPerTile) {

    /** MagicVL's token-level dynamic resolution. */
    public static final String TOKEN_LEVEL = "token_level";
    /** InternVL2.5's closest-aspect-ratio tiling with a thumbnail. */
    public static final String INTERNVL_TILES = "internvl_tiles";

    /** Returns the patches of one tile, {@code (tileSize / patchSize)^2}. */
    public int patchesPerTile() {
        int side = tileSize / patchSize;
        return side * side;
    }

    /**
     * Reads and checks {@code preprocess.json}.
     *
     * @throws MagicvlException (invalid input) naming the file and the bad value
     */
    public static PreprocessSpec read(Path file) {
        try {
            return fromJson(Json.MAPPER.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Builds the spec from a parsed {@code preprocess.json} object; {@code source} names it in errors. */
    public static PreprocessSpec fromJson(JsonNode node, String source) {
        PreprocessSpec spec;
        try {
            spec = Json.MAPPER.treeToValue(node, PreprocessSpec.class);
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Invalid preprocessing spec in " + source + ": " + e.getMessage(), e);
        }
        spec.check(source);
        return spec;
    }

    private void check(String source) {
        if (!TOKEN_LEVEL.equals(scheme) && !INTERNVL_TILES.equals(scheme)) {
            throw invalid(source, "scheme", scheme, "\"" + TOKEN_LEVEL + "\" or \"" + INTERNVL_TILES + "\"");
        }
        if (!"bicubic".equals(resample)) {
            throw invalid(source, "resample", resample, "\"bicubic\"");
        }
        if (tileSize <= 0 || patchSize <= 0 || tileSize % patchSize != 0) {
            throw invalid(source, "tile_size", tileSize, "a positive multiple of patch_size " + patchSize);
        }
        if (TOKEN_LEVEL.equals(scheme) && (tokenPixels <= 0 || tileSize % tokenPixels != 0)) {
            throw invalid(source, "token_pixels", tokenPixels, "a positive divisor of tile_size " + tileSize);
        }
        if (maxTiles < 1 || maxTiles < minTiles) {
            throw invalid(source, "max_tiles", maxTiles, "at least 1 and at least min_tiles");
        }
        if (TOKEN_LEVEL.equals(scheme) && !(downscaleStep > 0 && downscaleStep < 1)) {
            throw invalid(source, "downscale_step", downscaleStep, "a number between 0 and 1");
        }
        if (imageMean == null || imageMean.length != 3 || imageStd == null || imageStd.length != 3) {
            throw invalid(source, "image_mean/image_std", "missing", "three numbers each");
        }
        for (double std : imageStd) {
            if (!(std > 0)) {
                throw invalid(source, "image_std", std, "positive numbers");
            }
        }
        if (tokensPerTile <= 0) {
            throw invalid(source, "tokens_per_tile", tokensPerTile, "a positive number");
        }
    }

    private static MagicvlException invalid(String source, String key, Object value, String expected) {
        return MagicvlException.invalidInput(
                "Invalid \"" + key + "\" in " + source + ": " + value + ". Expected " + expected + ".");
    }
}
