package io.magicvl.core.synth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.TokenizerInfo.AddedToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The configs of the supported architectures at their published sizes, and reduced copies.
 * Sizes come from the published config.json files of SigLIP2-Base-384/16, Qwen3-1.7B,
 * Qwen2.5-1.5B, InternViT-300M-448px and InternVL2.5-2B (InternLM2.5-1.8B), and from the
 * MagicVL-nano fixture.
 */
final class SynthPresets {
    static final List<String> NAMES = List.of("magicvl-2b", "magicvl-2b-qwen25", "internvl2_5-2b", "magicvl-nano");

    /** Qwen2.5's added tokens from 151643 on; Qwen3 appends the tool-response and think tokens. */
    private static final List<String> QWEN25_SPECIALS = List.of(
            "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
            "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>",
            "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>", "<tool_call>", "</tool_call>", "<|fim_prefix|>",
            "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>");
    private static final int QWEN_BASE_VOCAB = 151643;
    private static final List<String> IMAGE_TOKENS = List.of("<img>", "</img>", "<IMG_CONTEXT>");

    private SynthPresets() {}

    static SynthSpec create(String architecture, boolean tiny) {
        switch (architecture) {
            case "magicvl-2b":
                return magicvl(architecture, tiny, true);
            case "magicvl-2b-qwen25":
                return magicvl(architecture, tiny, false);
            case "internvl2_5-2b":
                return internvl(tiny);
            case "magicvl-nano":
                return nano(tiny);
            default:
                throw MagicvlException.invalidInput("Unknown architecture '" + architecture + "'. Use one of "
                        + String.join(", ", NAMES) + ".");
        }
    }

    private static SynthSpec magicvl(String name, boolean tiny, boolean qwen3) {
        int image = tiny ? 64 : 384;
        ObjectNode config = magicvlTop(image, tiny ? 4 : 24);
        config.set("vision_config", siglip(tiny ? 32 : 768, tiny ? 64 : 3072, tiny ? 2 : 12, tiny ? 2 : 12, image));
        TokenizerSpec tokenizer;
        ObjectNode llm;
        if (tiny) {
            tokenizer = byteTokenizer(qwen3 ? 8 : 6);
            llm = qwen(qwen3, 64, 128, 2, 4, 2, 16, tokenizer);
        } else {
            tokenizer = qwenTokenizer(qwen3);
            llm = qwen3 ? qwen(true, 2048, 6144, 28, 16, 8, 128, tokenizer) : qwen(false, 1536, 8960, 28, 12, 2, 128, tokenizer);
            llm.put("vocab_size", 151936);
        }
        config.set("llm_config", llm);
        config.put("img_context_token_id", idOf(tokenizer, "<IMG_CONTEXT>"));
        return new SynthSpec(name, tiny, config, siglipPreprocessor(image, tiny ? 4 : 24), tokenizer);
    }

    private static SynthSpec nano(boolean tiny) {
        int image = tiny ? 64 : 128;
        ObjectNode config = magicvlTop(image, 6);
        config.set("vision_config", siglip(tiny ? 32 : 96, tiny ? 64 : 384, tiny ? 2 : 4, tiny ? 2 : 4, image));
        TokenizerSpec tokenizer = byteTokenizer(6);
        config.set("llm_config", qwen(true, tiny ? 64 : 128, tiny ? 128 : 384, tiny ? 2 : 4, 4, 2, tiny ? 16 : 32, tokenizer));
        ((ObjectNode) config.get("llm_config")).put("max_position_embeddings", 2048);
        config.put("img_context_token_id", idOf(tokenizer, "<IMG_CONTEXT>"));
        return new SynthSpec("magicvl-nano", tiny, config, siglipPreprocessor(image, 6), tokenizer);
    }

    private static SynthSpec internvl(boolean tiny) {
        int image = tiny ? 56 : 448;
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.putArray("architectures").add("InternVLChatModel");
        config.put("model_type", "internvl_chat");
        config.put("template", "internvl2_5");
        config.put("downsample_ratio", 0.5);
        config.put("ps_version", "v2");
        config.put("select_layer", -1);
        config.put("force_image_size", image);
        config.put("dynamic_image_size", true);
        config.put("use_thumbnail", true);
        config.put("min_dynamic_patch", 1);
        config.put("max_dynamic_patch", 12);
        config.put("torch_dtype", "bfloat16");

        ObjectNode vision = config.putObject("vision_config");
        vision.putArray("architectures").add("InternVisionModel");
        vision.put("model_type", "intern_vit_6b");
        vision.put("hidden_size", tiny ? 32 : 1024);
        vision.put("intermediate_size", tiny ? 64 : 4096);
        vision.put("num_hidden_layers", tiny ? 2 : 24);
        vision.put("num_attention_heads", tiny ? 2 : 16);
        vision.put("num_channels", 3);
        vision.put("patch_size", 14);
        vision.put("image_size", image);
        vision.put("qkv_bias", true);
        vision.put("qk_normalization", false);
        vision.put("norm_type", "layer_norm");
        vision.put("layer_norm_eps", 1e-6);
        vision.put("hidden_act", "gelu");
        vision.put("use_flash_attn", false);

        TokenizerSpec tokenizer = tiny ? internlmTokenizer(259) : internlmTokenizer(92538);
        ObjectNode llm = config.putObject("llm_config");
        llm.putArray("architectures").add("InternLM2ForCausalLM");
        llm.put("model_type", "internlm2");
        llm.put("hidden_size", tiny ? 64 : 2048);
        llm.put("intermediate_size", tiny ? 128 : 8192);
        llm.put("num_hidden_layers", tiny ? 2 : 24);
        llm.put("num_attention_heads", tiny ? 4 : 16);
        llm.put("num_key_value_heads", tiny ? 2 : 8);
        llm.put("vocab_size", tiny ? tokenizerSize(tokenizer) : 92553);
        llm.put("rms_norm_eps", 1e-5);
        llm.put("rope_theta", 1000000.0);
        ObjectNode scaling = llm.putObject("rope_scaling");
        scaling.put("type", "dynamic");
        scaling.put("factor", 2.0);
        llm.put("max_position_embeddings", 32768);
        llm.put("bias", false);
        llm.put("hidden_act", "silu");
        llm.put("tie_word_embeddings", false);
        llm.put("bos_token_id", 1);
        llm.put("eos_token_id", 2);
        llm.put("pad_token_id", 2);
        llm.put("torch_dtype", "bfloat16");

        ObjectNode preprocessor = Json.MAPPER.createObjectNode();
        preprocessor.put("image_processor_type", "CLIPImageProcessor");
        preprocessor.put("crop_size", image);
        preprocessor.put("size", image);
        preprocessor.put("do_resize", true);
        preprocessor.put("resample", 3);
        preprocessor.put("do_rescale", true);
        preprocessor.put("rescale_factor", 1.0 / 255);
        preprocessor.put("do_normalize", true);
        triple(preprocessor, "image_mean", 0.485, 0.456, 0.406);
        triple(preprocessor, "image_std", 0.229, 0.224, 0.225);
        preprocessor.put("max_tiles", 12);
        return new SynthSpec("internvl2_5-2b", tiny, config, preprocessor, tokenizer);
    }

    private static ObjectNode magicvlTop(int image, int maxTiles) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.putArray("architectures").add("MagicVLChatModel");
        config.put("model_type", "magicvl");
        config.put("template", "qwen3-chat");
        config.put("downsample_ratio", 0.5);
        config.put("ps_version", "v2");
        config.put("select_layer", -1);
        config.put("force_image_size", image);
        ObjectNode dynamic = config.putObject("dynamic_resolution");
        dynamic.put("mode", "token_level");
        dynamic.put("token_pixels", 32);
        dynamic.put("rounding", "half_up");
        dynamic.put("max_tiles", maxTiles);
        dynamic.put("pad_value", 0.0);
        dynamic.put("token_order", "raster");
        config.put("torch_dtype", "bfloat16");
        return config;
    }

    private static ObjectNode siglip(int hidden, int intermediate, int layers, int heads, int image) {
        ObjectNode vision = Json.MAPPER.createObjectNode();
        vision.put("model_type", "siglip_vision_model");
        vision.put("hidden_size", hidden);
        vision.put("intermediate_size", intermediate);
        vision.put("num_hidden_layers", layers);
        vision.put("num_attention_heads", heads);
        vision.put("patch_size", 16);
        vision.put("image_size", image);
        vision.put("num_channels", 3);
        vision.put("layer_norm_eps", 1e-6);
        vision.put("hidden_act", "gelu_pytorch_tanh");
        vision.put("attention_dropout", 0.0);
        return vision;
    }

    private static ObjectNode qwen(boolean qwen3, int hidden, int intermediate, int layers, int heads, int kvHeads,
            int headDim, TokenizerSpec tokenizer) {
        ObjectNode llm = Json.MAPPER.createObjectNode();
        llm.put("model_type", qwen3 ? "qwen3" : "qwen2");
        llm.putArray("architectures").add(qwen3 ? "Qwen3ForCausalLM" : "Qwen2ForCausalLM");
        llm.put("hidden_size", hidden);
        llm.put("intermediate_size", intermediate);
        llm.put("num_hidden_layers", layers);
        llm.put("num_attention_heads", heads);
        llm.put("num_key_value_heads", kvHeads);
        llm.put("head_dim", headDim);
        llm.put("vocab_size", tokenizerSize(tokenizer));
        llm.put("rms_norm_eps", 1e-6);
        llm.put("rope_theta", 1000000.0);
        llm.put("max_position_embeddings", qwen3 ? 40960 : 32768);
        llm.put("tie_word_embeddings", true);
        llm.put("attention_bias", !qwen3);
        llm.put("use_sliding_window", false);
        llm.put("hidden_act", "silu");
        llm.put("bos_token_id", idOf(tokenizer, "<|endoftext|>"));
        llm.put("eos_token_id", idOf(tokenizer, "<|im_end|>"));
        llm.put("torch_dtype", "bfloat16");
        return llm;
    }

    private static ObjectNode siglipPreprocessor(int tile, int maxTiles) {
        ObjectNode preprocessor = Json.MAPPER.createObjectNode();
        preprocessor.put("image_processor_type", "MagicVLImageProcessor");
        preprocessor.put("do_resize", true);
        preprocessor.put("resample", 3);
        preprocessor.put("do_rescale", true);
        preprocessor.put("rescale_factor", 1.0 / 255);
        preprocessor.put("do_normalize", true);
        triple(preprocessor, "image_mean", 0.5, 0.5, 0.5);
        triple(preprocessor, "image_std", 0.5, 0.5, 0.5);
        preprocessor.put("tile_size", tile);
        preprocessor.put("token_pixels", 32);
        preprocessor.put("max_tiles", maxTiles);
        return preprocessor;
    }

    /** Qwen's vocabulary: 151643 BPE tokens, the real added tokens, then the three image tokens. */
    private static TokenizerSpec qwenTokenizer(boolean qwen3) {
        List<String> specials = new ArrayList<>(QWEN25_SPECIALS);
        if (qwen3) {
            specials.addAll(List.of("<tool_response>", "</tool_response>", "<think>", "</think>"));
        }
        specials.addAll(IMAGE_TOKENS);
        List<AddedToken> added = new ArrayList<>();
        for (int i = 0; i < specials.size(); i++) {
            String content = specials.get(i);
            boolean special = !content.startsWith("<tool") && !content.startsWith("</tool") && !content.contains("think>")
                    && !content.startsWith("<|fim") && !content.equals("<|repo_name|>") && !content.equals("<|file_sep|>");
            added.add(new AddedToken(QWEN_BASE_VOCAB + i, content, special));
        }
        return new TokenizerSpec(QWEN_BASE_VOCAB, added, "Qwen2Tokenizer", null, "<|im_end|>", "<|endoftext|>",
                TokenizerSpec.CHATML_TEMPLATE, 131072);
    }

    /** A byte vocabulary (ids 0-255) followed by the chat and image tokens, like the nano fixture. */
    private static TokenizerSpec byteTokenizer(int specials) {
        List<String> names = new ArrayList<>(List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"));
        if (specials == 8) {
            names.addAll(List.of("<think>", "</think>"));
        }
        names.addAll(IMAGE_TOKENS);
        List<AddedToken> added = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            added.add(new AddedToken(256 + i, names.get(i), true));
        }
        return new TokenizerSpec(256, added, "Qwen2Tokenizer", null, "<|im_end|>", "<|endoftext|>",
                TokenizerSpec.CHATML_TEMPLATE, 2048);
    }

    /**
     * InternLM2's vocabulary as InternVL2.5 ships it: {@code <unk>}, {@code <s>}, {@code </s>} at
     * 0-2, chat tokens just below 92544, then the image and grounding tokens up to 92552. The
     * tiny variant keeps the order with a 259-entry base vocabulary.
     */
    private static TokenizerSpec internlmTokenizer(int chatBase) {
        List<AddedToken> added = new ArrayList<>();
        added.add(new AddedToken(0, "<unk>", true));
        added.add(new AddedToken(1, "<s>", true));
        added.add(new AddedToken(2, "</s>", true));
        List<String> chat = List.of("<|plugin|>", "<|interpreter|>", "<|action_end|>", "<|action_start|>",
                "<|im_end|>", "<|im_start|>");
        for (int i = 0; i < chat.size(); i++) {
            added.add(new AddedToken(chatBase + i, chat.get(i), true));
        }
        int imageBase = chatBase + chat.size();
        List<String> image = List.of("<img>", "</img>", "<IMG_CONTEXT>", "<quad>", "</quad>", "<ref>", "</ref>",
                "<box>", "</box>");
        for (int i = 0; i < image.size(); i++) {
            added.add(new AddedToken(imageBase + i, image.get(i), true));
        }
        return new TokenizerSpec(imageBase, added, "InternLM2Tokenizer", "<s>", "</s>", "</s>",
                "{{ bos_token }}" + TokenizerSpec.CHATML_TEMPLATE, 16384);
    }

    private static int tokenizerSize(TokenizerSpec tokenizer) {
        int max = tokenizer.baseVocabSize() - 1;
        for (AddedToken token : tokenizer.addedTokens()) {
            max = Math.max(max, token.id());
        }
        return max + 1;
    }

    private static int idOf(TokenizerSpec tokenizer, String content) {
        return tokenizer.addedTokens().stream().filter(t -> t.content().equals(content)).findFirst().orElseThrow().id();
    }

    private static void triple(ObjectNode node, String key, double a, double b, double c) {
        ArrayNode array = node.putArray(key);
        array.add(a).add(b).add(c);
    }
}
