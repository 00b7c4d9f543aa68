package io.magicvl.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {
    @TempDir
    Path dir;

    private static final Path NANO = TestPaths.nanoRun().resolve("stage4-advanced");

    @Test
    void nanoConfigMatchesJson() throws IOException {
        JsonNode raw = Json.MAPPER.readTree(NANO.resolve("config.json").toFile());
        JsonNode v = raw.get("vision_config");
        JsonNode l = raw.get("llm_config");
        ModelConfig config = ModelConfig.read(NANO);

        assertEquals(VisionConfig.Kind.SIGLIP, config.vision().kind());
        assertEquals(v.get("hidden_size").intValue(), config.vision().hiddenSize());
        assertEquals(v.get("num_hidden_layers").intValue(), config.vision().numLayers());
        assertEquals(raw.get("force_image_size").intValue(), config.vision().imageSize());
        assertEquals(v.get("hidden_act").textValue(), config.vision().hiddenAct());
        assertEquals(DecoderConfig.Kind.QWEN3, config.decoder().kind());
        assertEquals(l.get("head_dim").intValue(), config.decoder().headDim());
        assertEquals(l.get("num_key_value_heads").intValue(), config.decoder().numKvHeads());
        assertEquals(l.get("rope_theta").doubleValue(), config.decoder().ropeTheta());
        assertTrue(config.decoder().tieWordEmbeddings());
        assertTrue(config.decoder().qkNorm());
        assertFalse(config.decoder().qkvBias());
        int merge = (int) Math.round(1 / raw.get("downsample_ratio").doubleValue());
        assertEquals(v.get("hidden_size").intValue() * merge * merge, config.projector().inputSize());
        assertEquals(raw.get("img_context_token_id").intValue(), config.imgContextTokenId());
        assertEquals(ImageTiling.TOKEN_LEVEL, config.tiling().mode());
        assertEquals(raw.get("dynamic_resolution").get("max_tiles").intValue(), config.tiling().maxTiles());
        assertEquals("siglip+mlp1+qwen3", config.architecture());
    }

    @Test
    void qwen25VariantHasBiasesAndUntiedHead() {
        ModelConfig config = ModelConfig.read(TestPaths.shared().resolve("fixtures/variants/qwen25-t128"));
        assertEquals(DecoderConfig.Kind.QWEN2, config.decoder().kind());
        assertTrue(config.decoder().qkvBias());
        assertFalse(config.decoder().outputBias());
        assertFalse(config.decoder().qkNorm());
        assertFalse(config.decoder().tieWordEmbeddings());
    }

    @Test
    void missingKeysTakeTransformersDefaults() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"magicvl\","
                + "\"vision_config\":{\"model_type\":\"siglip_vision_model\",\"image_size\":384},"
                + "\"llm_config\":{\"model_type\":\"qwen2\"}}");
        ModelConfig config = ModelConfig.read(dir);
        assertEquals(768, config.vision().hiddenSize());
        assertEquals(12, config.vision().numLayers());
        assertEquals(16, config.vision().patchSize());
        assertEquals(1e-6, config.vision().layerNormEps());
        assertEquals("gelu_pytorch_tanh", config.vision().hiddenAct());
        assertEquals(576, config.vision().numPatches());
        assertEquals(144, config.projector().tokensPerTile());
        assertEquals(10000.0, config.decoder().ropeTheta());
        assertEquals(1e-6, config.decoder().rmsNormEps());
        assertFalse(config.decoder().tieWordEmbeddings());
        assertEquals(4096 / 32, config.decoder().headDim());
        assertEquals(32, config.decoder().numKvHeads());
    }

    @Test
    void internVlConfig() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"internvl_chat\",\"force_image_size\":448,"
                + "\"downsample_ratio\":0.5,\"ps_version\":\"v2\",\"dynamic_image_size\":true,\"use_thumbnail\":true,"
                + "\"max_dynamic_patch\":12,"
                + "\"vision_config\":{\"model_type\":\"intern_vit_6b\",\"hidden_size\":1024,\"intermediate_size\":4096,"
                + "\"num_hidden_layers\":24,\"num_attention_heads\":16,\"patch_size\":14,\"image_size\":448,"
                + "\"qkv_bias\":true,\"qk_normalization\":false,\"norm_type\":\"layer_norm\"},"
                + "\"llm_config\":{\"model_type\":\"internlm2\",\"hidden_size\":2048,\"num_attention_heads\":16,"
                + "\"num_key_value_heads\":8,\"bias\":false,\"rope_scaling\":{\"type\":\"dynamic\",\"factor\":2.0}}}");
        ModelConfig config = ModelConfig.read(dir);
        assertEquals(VisionConfig.Kind.INTERNVIT, config.vision().kind());
        assertEquals(1025, config.vision().numPositions());
        assertEquals(256, config.projector().tokensPerTile());
        assertEquals(4096, config.projector().inputSize());
        assertEquals(DecoderConfig.Kind.INTERNLM2, config.decoder().kind());
        assertEquals(128, config.decoder().headDim());
        assertFalse(config.decoder().qkvBias());
        assertEquals("dynamic", config.decoder().ropeScaling().get("type"));
        assertEquals(ImageTiling.ASPECT_RATIO_GRID, config.tiling().mode());
        assertEquals(12, config.tiling().maxTiles());
        assertTrue(config.tiling().useThumbnail());
    }

    @Test
    void invalidValuesNameFileAndKey() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"vision_config\":{\"model_type\":\"siglip_vision_model\","
                + "\"hidden_size\":\"big\"},\"llm_config\":{\"model_type\":\"qwen3\"}}");
        MagicvlException error = assertThrows(MagicvlException.class, () -> ModelConfig.read(dir));
        assertTrue(error.getMessage().contains("vision_config.hidden_size"), error.getMessage());
        assertTrue(error.getMessage().contains(dir.resolve("config.json").toString()), error.getMessage());

        Files.writeString(dir.resolve("config.json"), "{\"vision_config\":{\"model_type\":\"clip\"},"
                + "\"llm_config\":{\"model_type\":\"qwen3\"}}");
        error = assertThrows(MagicvlException.class, () -> ModelConfig.read(dir));
        assertTrue(error.getMessage().contains("vision_config.model_type") && error.getMessage().contains("'clip'"),
                error.getMessage());

        Files.writeString(dir.resolve("config.json"), "{\"vision_config\":{\"model_type\":\"siglip\"}}");
        error = assertThrows(MagicvlException.class, () -> ModelConfig.read(dir));
        assertTrue(error.getMessage().contains("text_config") || error.getMessage().contains("llm_config"),
                error.getMessage());

        error = assertThrows(MagicvlException.class, () -> ModelConfig.read(dir.resolve("none")));
        assertTrue(error.getMessage().contains("not found"), error.getMessage());
    }

    @Test
    void nanoTokenizerAndPreprocessor() throws IOException {
        ModelDescription description = ModelDescription.read(NANO);
        JsonNode tokenizer = Json.MAPPER.readTree(NANO.resolve("tokenizer.json").toFile());
        JsonNode added = tokenizer.get("added_tokens");
        assertEquals(added.size(), description.tokenizer().addedTokens().size());
        for (JsonNode token : added) {
            assertEquals(token.get("id").intValue(), description.tokenizer().idOf(token.get("content").textValue()).get());
        }
        assertEquals(description.config().imgContextTokenId(), description.tokenizer().idOf("<IMG_CONTEXT>").get());
        assertEquals(description.config().decoder().vocabSize(), description.tokenizer().size());
        assertEquals("<|im_end|>", description.tokenizer().eosToken());

        JsonNode pre = Json.MAPPER.readTree(NANO.resolve("preprocessor_config.json").toFile());
        assertEquals(pre.get("tile_size").intValue(), description.preprocessor().tileSize());
        assertEquals(pre.get("max_tiles").intValue(), description.preprocessor().maxTiles());
        assertEquals(pre.get("image_mean").get(0).doubleValue(), description.preprocessor().mean()[0]);
        assertEquals(pre.get("resample").intValue(), description.preprocessor().resample());
    }
}
