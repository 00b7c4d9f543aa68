package io.magicvl.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses {@code config.json} into a {@link ModelConfig}.
 *
 * <p>Missing keys take the defaults of the transformers config classes ({@code SiglipVisionConfig},
 * {@code Qwen2Config}, {@code Qwen3Config}, and InternVL's {@code InternVisionConfig},
 * {@code InternLM2Config}, {@code InternVLChatConfig}). A key that is present with the wrong
 * JSON type is an error naming the file and the key path.
 */
final class ConfigParser {
    private ConfigParser() {}

    static ModelConfig read(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(ModelConfig.FILE_NAME) : folderOrFile;
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Model config not found: " + file
                    + ". A Hugging Face checkpoint folder has a config.json beside its weights.");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw MagicvlException.invalidInput("Invalid JSON in " + file + ": " + e.getOriginalMessage() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return parse(file, root);
    }

    static ModelConfig parse(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw MagicvlException.invalidInput(file + " is not a JSON object.");
        }
        Fields top = new Fields(file, "", root);
        String modelType = top.string("model_type", "");
        Fields visionFields = top.object("vision_config");
        Fields llmFields = top.has("llm_config") ? top.object("llm_config") : top.object("text_config");

        int forceImageSize = top.integer("force_image_size", 0);
        VisionConfig vision = parseVision(visionFields, forceImageSize);
        DecoderConfig decoder = parseDecoder(llmFields);

        double downsample = top.number("downsample_ratio", 0.5);
        int merge = (int) Math.round(1.0 / downsample);
        if (downsample <= 0 || Math.abs(merge * downsample - 1.0) > 1e-9 || vision.gridSize() % merge != 0) {
            throw top.invalid("downsample_ratio", downsample + " does not divide the " + vision.gridSize()
                    + "x" + vision.gridSize() + " patch grid into whole tokens",
                    "use 0.5 (2x2 merge) or a ratio 1/n with n dividing the grid");
        }
        int tokensPerTile = (vision.gridSize() / merge) * (vision.gridSize() / merge);
        ProjectorConfig projector = new ProjectorConfig(downsample, top.string("ps_version", "v1"),
                vision.hiddenSize() * merge * merge, decoder.hiddenSize(), 1e-5, "gelu", tokensPerTile);

        ImageTiling tiling = parseTiling(top, vision, merge);
        String dtype = top.has("torch_dtype") ? top.string("torch_dtype", "") : top.string("dtype", "");
        return new ModelConfig(file, modelType, top.string("template", ""), top.integer("select_layer", -1),
                top.integer("img_context_token_id", -1), dtype, vision, projector, decoder, tiling);
    }

    private static VisionConfig parseVision(Fields v, int forceImageSize) {
        String type = v.string("model_type", "");
        switch (type) {
            case "siglip_vision_model":
            case "siglip": {
                int imageSize = forceImageSize > 0 ? forceImageSize : v.integer("image_size", 224);
                return checkedVision(v, new VisionConfig(VisionConfig.Kind.SIGLIP,
                        v.integer("hidden_size", 768), v.integer("intermediate_size", 3072),
                        v.integer("num_hidden_layers", 12), v.integer("num_attention_heads", 12),
                        v.integer("num_channels", 3), imageSize, v.integer("patch_size", 16),
                        v.string("hidden_act", "gelu_pytorch_tanh"), v.number("layer_norm_eps", 1e-6),
                        "layer_norm", true, false));
            }
            case "intern_vit_6b": {
                // InternVisionConfig's defaults describe the 6B tower; the 300M configs set every key.
                int imageSize = forceImageSize > 0 ? forceImageSize : v.integer("image_size", 224);
                return checkedVision(v, new VisionConfig(VisionConfig.Kind.INTERNVIT,
                        v.integer("hidden_size", 3200), v.integer("intermediate_size", 12800),
                        v.integer("num_hidden_layers", 48), v.integer("num_attention_heads", 25),
                        v.integer("num_channels", 3), imageSize, v.integer("patch_size", 14),
                        v.string("hidden_act", "gelu"), v.number("layer_norm_eps", 1e-6),
                        v.string("norm_type", "rms_norm"), v.bool("qkv_bias", false),
                        v.bool("qk_normalization", true)));
            }
            default:
                throw v.invalid("model_type", "'" + type + "' is not a supported vision tower",
                        "use siglip_vision_model (SigLIP/SigLIP2) or intern_vit_6b (InternViT)");
        }
    }

    private static VisionConfig checkedVision(Fields v, VisionConfig config) {
        if (config.hiddenSize() % config.numHeads() != 0) {
            throw v.invalid("num_attention_heads", config.numHeads() + " does not divide hidden_size "
                    + config.hiddenSize(), "fix the config");
        }
        if (config.imageSize() % config.patchSize() != 0) {
            throw v.invalid("patch_size", config.patchSize() + " does not divide the image size "
                    + config.imageSize(), "fix image_size or force_image_size");
        }
        if (!config.normType().equals("layer_norm") && !config.normType().equals("rms_norm")) {
            throw v.invalid("norm_type", "'" + config.normType() + "' is unknown", "use layer_norm or rms_norm");
        }
        return config;
    }

    private static DecoderConfig parseDecoder(Fields d) {
        String type = d.string("model_type", "");
        DecoderConfig.Kind kind;
        switch (type) {
            case "qwen3":
                kind = DecoderConfig.Kind.QWEN3;
                break;
            case "qwen2":
                kind = DecoderConfig.Kind.QWEN2;
                break;
            case "internlm2":
                kind = DecoderConfig.Kind.INTERNLM2;
                break;
            default:
                throw d.invalid("model_type", "'" + type + "' is not a supported decoder", "use qwen3, qwen2 or internlm2");
        }
        boolean internlm = kind == DecoderConfig.Kind.INTERNLM2;
        int hidden = d.integer("hidden_size", 4096);
        int heads = d.integer("num_attention_heads", 32);
        int kvHeads = d.has("num_key_value_heads") && !d.isNull("num_key_value_heads")
                ? d.integer("num_key_value_heads", heads) : heads;
        int headDimDefault = kind == DecoderConfig.Kind.QWEN3 ? 128 : hidden / heads;
        int headDim = d.has("head_dim") && !d.isNull("head_dim") ? d.integer("head_dim", headDimDefault) : headDimDefault;
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw d.invalid("num_key_value_heads", kvHeads + " does not divide num_attention_heads " + heads,
                    "fix the config");
        }

        double ropeTheta = 10000.0;
        if (d.has("rope_theta")) {
            ropeTheta = d.number("rope_theta", ropeTheta);
        } else if (d.has("rope_parameters")) {
            ropeTheta = d.object("rope_parameters").number("rope_theta", ropeTheta);
        }
        Map<String, Object> ropeScaling = d.map("rope_scaling");

        boolean qkvBias;
        boolean outputBias;
        switch (kind) {
            case QWEN2:
                qkvBias = true;
                outputBias = false;
                break;
            case QWEN3:
                qkvBias = d.bool("attention_bias", false);
                outputBias = qkvBias;
                break;
            default:
                qkvBias = d.bool("bias", true);
                outputBias = qkvBias;
                break;
        }
        return new DecoderConfig(kind,
                d.integer("vocab_size", internlm ? 103168 : 151936), hidden,
                d.integer("intermediate_size", internlm ? 11008 : 22016),
                d.integer("num_hidden_layers", 32), heads, kvHeads, headDim,
                d.string("hidden_act", "silu"), d.number("rms_norm_eps", 1e-6), ropeTheta, ropeScaling,
                d.integer("max_position_embeddings", internlm ? 2048 : 32768),
                d.bool("tie_word_embeddings", false), qkvBias, outputBias, kind == DecoderConfig.Kind.QWEN3,
                d.firstInteger("bos_token_id", -1), d.firstInteger("eos_token_id", -1));
    }

    private static ImageTiling parseTiling(Fields top, VisionConfig vision, int merge) {
        int tokenPixels = vision.patchSize() * merge;
        if (top.has("dynamic_resolution")) {
            Fields dyn = top.object("dynamic_resolution");
            String mode = dyn.string("mode", ImageTiling.TOKEN_LEVEL);
            if (!mode.equals(ImageTiling.TOKEN_LEVEL)) {
                throw dyn.invalid("mode", "'" + mode + "' is not supported", "use token_level");
            }
            return new ImageTiling(mode, vision.imageSize(), dyn.integer("token_pixels", tokenPixels), 1,
                    dyn.integer("max_tiles", 24), false, dyn.string("rounding", "half_up"),
                    dyn.number("pad_value", 0.0), dyn.string("token_order", "raster"));
        }
        boolean dynamic = top.bool("dynamic_image_size", false);
        int minTiles = dynamic ? top.integer("min_dynamic_patch", 1) : 1;
        int maxTiles = dynamic ? top.integer("max_dynamic_patch", 6) : 1;
        return new ImageTiling(ImageTiling.ASPECT_RATIO_GRID, vision.imageSize(), tokenPixels, minTiles, maxTiles,
                dynamic && top.bool("use_thumbnail", false), "", 0.0, "tile_major");
    }

    /** Typed access to one JSON object of the config, naming the key path in errors. */
    static final class Fields {
        private final Path file;
        private final String prefix;
        private final JsonNode node;

        Fields(Path file, String prefix, JsonNode node) {
            this.file = file;
            this.prefix = prefix;
            this.node = node;
        }

        boolean has(String key) {
            return node.has(key);
        }

        boolean isNull(String key) {
            return node.get(key).isNull();
        }

        Fields object(String key) {
            JsonNode child = node.get(key);
            if (child == null || !child.isObject()) {
                throw invalid(key, child == null ? "is missing" : "is not a JSON object",
                        "a MagicVL or InternVL config.json has vision_config and llm_config objects");
            }
            return new Fields(file, prefix + key + ".", child);
        }

        String string(String key, String fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isTextual()) {
                throw invalid(key, "is " + value + ", not a string", "quote the value");
            }
            return value.textValue();
        }

        int integer(String key, int fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw invalid(key, "is " + value + ", not an integer", "write a whole number");
            }
            return value.intValue();
        }

        int firstInteger(String key, int fallback) {
            JsonNode value = node.get(key);
            if (value != null && value.isArray()) {
                return value.size() == 0 ? fallback : new Fields(file, prefix + key, value).elementInteger(0);
            }
            return integer(key, fallback);
        }

        private int elementInteger(int index) {
            JsonNode value = node.get(index);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw MagicvlException.invalidInput(file + ": " + prefix + "[" + index + "] is " + value
                        + ", not an integer.");
            }
            return value.intValue();
        }

        double number(String key, double fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isNumber()) {
                throw invalid(key, "is " + value + ", not a number", "write a number");
            }
            return value.doubleValue();
        }

        boolean bool(String key, boolean fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw invalid(key, "is " + value + ", not true or false", "write true or false");
            }
            return value.booleanValue();
        }

        Map<String, Object> map(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return Map.of();
            }
            if (!value.isObject()) {
                throw invalid(key, "is " + value + ", not an object or null", "fix the config");
            }
            Map<String, Object> result = new TreeMap<>();
            value.fields().forEachRemaining(e -> result.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class)));
            return result;
        }

        MagicvlException invalid(String key, String problem, String fix) {
            return MagicvlException.invalidInput("Invalid model config " + file + ": " + prefix + key + " " + problem
                    + ". Fix: " + fix.substring(0, 1).toUpperCase(Locale.ROOT) + fix.substring(1) + ".");
        }
    }
}
