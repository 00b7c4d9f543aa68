package io.magicvl.converter.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.converter.graph.GraphNames;
import io.magicvl.core.Json;
import io.magicvl.core.model.DecoderConfig;
import io.magicvl.core.model.ImageTiling;
import io.magicvl.core.model.ModelDescription;
import io.magicvl.core.model.PreprocessorConfig;
import io.magicvl.core.model.TokenizerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON descriptions written beside the graphs: {@code preprocess.json}, the manifest's
 * {@code prompt} and {@code decoder} blocks, and onnxruntime-genai's {@code genai_config.json}.
 */
public final class ExportDescriptors {
    /** Largest context length written to genai_config.json when the config allows more. */
    private static final int MAX_CONTEXT = 4096;

    private ExportDescriptors() {}

    /** Returns {@code preprocess.json}: the exact dynamic-resolution and normalization spec. */
    public static ObjectNode preprocess(ModelDescription model) {
        ImageTiling tiling = model.config().tiling();
        PreprocessorConfig pre = model.preprocessor();
        boolean tokenLevel = ImageTiling.TOKEN_LEVEL.equals(tiling.mode());
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("scheme", tokenLevel ? "token_level" : "internvl_tiles");
        node.put("tile_size", pre.tileSize());
        node.put("patch_size", pre.patchSize());
        node.put("token_pixels", pre.tokenPixels());
        node.put("max_tiles", tiling.maxTiles());
        node.put("min_tiles", tiling.minTiles());
        node.put("use_thumbnail", tiling.useThumbnail());
        node.put("rounding", tiling.rounding());
        node.put("downscale_step", 0.9);
        node.put("resample", pre.resample() == 2 ? "bilinear" : "bicubic");
        node.put("rescale_factor", pre.rescaleFactor());
        ArrayNode mean = node.putArray("image_mean");
        for (double value : pre.mean()) {
            mean.add(value);
        }
        ArrayNode std = node.putArray("image_std");
        for (double value : pre.std()) {
            std.add(value);
        }
        node.put("pad_value", tiling.padValue());
        int perSide = pre.tileSize() / pre.tokenPixels();
        node.put("tokens_per_tile", perSide * perSide);
        return node;
    }

    /** Returns the manifest's {@code prompt} block. */
    public static ObjectNode prompt(ModelDescription model) {
        TokenizerInfo tokenizer = model.tokenizer();
        DecoderConfig decoder = model.config().decoder();
        boolean internLm = decoder.kind() == DecoderConfig.Kind.INTERNLM2;
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("template", internLm ? "internvl2_5" : "qwen-chat");
        // NOTE: InternVL2.5's fixed system message is not in its checkpoint files; the runtime supplies it.
        node.putNull("system");
        node.put("add_bos", internLm);
        if (internLm && decoder.bosTokenId() >= 0) {
            node.put("bos_token_id", decoder.bosTokenId());
        } else {
            node.putNull("bos_token_id");
        }
        node.put("image_start", "<img>");
        node.put("image_end", "</img>");
        node.put("image_context", "<IMG_CONTEXT>");
        putId(node, "image_start_id", tokenizer.idOf("<img>").orElse(-1));
        putId(node, "image_end_id", tokenizer.idOf("</img>").orElse(-1));
        int context = model.config().imgContextTokenId() >= 0 ? model.config().imgContextTokenId()
                : tokenizer.idOf("<IMG_CONTEXT>").orElse(-1);
        putId(node, "image_context_id", context);
        ArrayNode eos = node.putArray("eos_token_ids");
        for (int id : eosIds(model)) {
            eos.add(id);
        }
        node.put("empty_think_block", decoder.kind() == DecoderConfig.Kind.QWEN3
                && model.config().template().contains("think"));
        return node;
    }

    /** Returns the manifest's {@code decoder} block. */
    public static ObjectNode decoder(ModelDescription model) {
        DecoderConfig d = model.config().decoder();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("layers", d.numLayers());
        node.put("heads", d.numHeads());
        node.put("kv_heads", d.numKvHeads());
        node.put("head_dim", d.headDim());
        node.put("hidden_size", d.hiddenSize());
        node.put("vocab_size", d.vocabSize());
        node.put("max_positions", d.maxPositionEmbeddings());
        return node;
    }

    /**
     * Returns {@code genai_config.json} in onnxruntime-genai's format: the decoder with its
     * {@code inputs_embeds} input and KV-cache name patterns, the embedding and vision graphs,
     * and greedy search settings.
     */
    public static ObjectNode genaiConfig(ModelDescription model) {
        DecoderConfig d = model.config().decoder();
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode m = root.putObject("model");
        m.put("bos_token_id", d.bosTokenId());
        int context = Math.min(d.maxPositionEmbeddings(), MAX_CONTEXT);
        m.put("context_length", context);
        ArrayNode eos = m.putArray("eos_token_id");
        eosIds(model).forEach(eos::add);
        m.put("pad_token_id", eosIds(model).isEmpty() ? 0 : eosIds(model).get(0));
        m.put("type", d.kind().modelType());
        m.put("vocab_size", d.vocabSize());

        ObjectNode decoder = m.putObject("decoder");
        decoder.putObject("session_options").put("log_id", "onnxruntime-genai").putArray("provider_options");
        decoder.put("filename", "decoder.onnx");
        decoder.put("head_size", d.headDim());
        decoder.put("hidden_size", d.hiddenSize());
        decoder.put("num_attention_heads", d.numHeads());
        decoder.put("num_hidden_layers", d.numLayers());
        decoder.put("num_key_value_heads", d.numKvHeads());
        ObjectNode inputs = decoder.putObject("inputs");
        inputs.put("inputs_embeds", GraphNames.INPUTS_EMBEDS);
        inputs.put("attention_mask", GraphNames.ATTENTION_MASK);
        inputs.put("position_ids", GraphNames.POSITION_IDS);
        inputs.put("past_key_names", "past_key_values.%d.key");
        inputs.put("past_value_names", "past_key_values.%d.value");
        ObjectNode outputs = decoder.putObject("outputs");
        outputs.put("logits", GraphNames.LOGITS);
        outputs.put("present_key_names", "present.%d.key");
        outputs.put("present_value_names", "present.%d.value");

        ObjectNode embedding = m.putObject("embedding");
        embedding.put("filename", "embed.onnx");
        embedding.putObject("inputs").put("input_ids", GraphNames.INPUT_IDS);
        embedding.putObject("outputs").put("inputs_embeds", GraphNames.INPUTS_EMBEDS);

        ObjectNode vision = m.putObject("vision");
        vision.put("filename", "vision.onnx");
        ObjectNode visionInputs = vision.putObject("inputs");
        visionInputs.put("pixel_values", GraphNames.PIXEL_VALUES);
        visionInputs.put("patch_mask", GraphNames.PATCH_MASK);
        vision.putObject("outputs").put("image_features", GraphNames.IMAGE_FEATURES);

        ObjectNode search = root.putObject("search");
        search.put("diversity_penalty", 0.0);
        search.put("do_sample", false);
        search.put("early_stopping", true);
        search.put("length_penalty", 1.0);
        search.put("max_length", context);
        search.put("min_length", 0);
        search.put("no_repeat_ngram_size", 0);
        search.put("num_beams", 1);
        search.put("num_return_sequences", 1);
        search.put("past_present_share_buffer", false);
        search.put("repetition_penalty", 1.0);
        search.put("temperature", 1.0);
        search.put("top_k", 1);
        search.put("top_p", 1.0);
        return root;
    }

    /** Returns the stop token ids: {@code <|im_end|>} when the tokenizer has it, else the config's eos. */
    static List<Integer> eosIds(ModelDescription model) {
        List<Integer> ids = new ArrayList<>();
        model.tokenizer().idOf("<|im_end|>").ifPresent(ids::add);
        int configured = model.config().decoder().eosTokenId();
        if (configured >= 0 && !ids.contains(configured)) {
            ids.add(configured);
        }
        return ids;
    }

    private static void putId(ObjectNode node, String key, int id) {
        if (id >= 0) {
            node.put(key, id);
        } else {
            node.putNull(key);
        }
    }
}
