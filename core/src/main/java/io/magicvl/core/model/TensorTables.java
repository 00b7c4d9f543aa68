package io.magicvl.core.model;

import static io.magicvl.core.model.Component.DECODER;
import static io.magicvl.core.model.Component.EMBEDDINGS;
import static io.magicvl.core.model.Component.LM_HEAD;
import static io.magicvl.core.model.Component.PROJECTOR;
import static io.magicvl.core.model.Component.UNUSED;
import static io.magicvl.core.model.Component.VISION;
import static io.magicvl.core.model.TensorRule.Init.EMBEDDING;
import static io.magicvl.core.model.TensorRule.Init.LAYER_SCALE;
import static io.magicvl.core.model.TensorRule.Init.LINEAR;
import static io.magicvl.core.model.TensorRule.Init.ONES;
import static io.magicvl.core.model.TensorRule.Init.ZEROS;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The tensor tables of every supported component family, one row per stored tensor pattern,
 * with names as InternVL-style checkpoints store them ({@code vision_model.}, {@code mlp1.},
 * {@code language_model.}).
 */
final class TensorTables {
    private static final Predicate<ModelConfig> ALWAYS = c -> true;
    private static final Predicate<ModelConfig> NEVER = c -> false;

    private TensorTables() {}

    /** SigLIP / SigLIP2 FixRes tower (transformers' SiglipVisionTransformer). */
    static final List<TensorRule> SIGLIP = List.of(
            vision("vision_model.embeddings.patch_embedding.weight", LINEAR,
                    c -> dims(vh(c), c.vision().numChannels(), c.vision().patchSize(), c.vision().patchSize())),
            vision("vision_model.embeddings.patch_embedding.bias", ZEROS, c -> dims(vh(c))),
            vision("vision_model.embeddings.position_embedding.weight", EMBEDDING,
                    c -> dims(c.vision().numPositions(), vh(c))),
            visionLayer("layer_norm1.weight", ONES, c -> dims(vh(c))),
            visionLayer("layer_norm1.bias", ZEROS, c -> dims(vh(c))),
            visionLayer("self_attn.q_proj.weight", LINEAR, c -> dims(vh(c), vh(c))),
            visionLayer("self_attn.q_proj.bias", ZEROS, c -> dims(vh(c))),
            visionLayer("self_attn.k_proj.weight", LINEAR, c -> dims(vh(c), vh(c))),
            visionLayer("self_attn.k_proj.bias", ZEROS, c -> dims(vh(c))),
            visionLayer("self_attn.v_proj.weight", LINEAR, c -> dims(vh(c), vh(c))),
            visionLayer("self_attn.v_proj.bias", ZEROS, c -> dims(vh(c))),
            visionLayer("self_attn.out_proj.weight", LINEAR, c -> dims(vh(c), vh(c))),
            visionLayer("self_attn.out_proj.bias", ZEROS, c -> dims(vh(c))),
            visionLayer("layer_norm2.weight", ONES, c -> dims(vh(c))),
            visionLayer("layer_norm2.bias", ZEROS, c -> dims(vh(c))),
            visionLayer("mlp.fc1.weight", LINEAR, c -> dims(vf(c), vh(c))),
            visionLayer("mlp.fc1.bias", ZEROS, c -> dims(vf(c))),
            visionLayer("mlp.fc2.weight", LINEAR, c -> dims(vh(c), vf(c))),
            visionLayer("mlp.fc2.bias", ZEROS, c -> dims(vh(c))),
            vision("vision_model.post_layernorm.weight", ONES, c -> dims(vh(c))),
            vision("vision_model.post_layernorm.bias", ZEROS, c -> dims(vh(c))),
            // Older exports store the position-id buffer that transformers now leaves out of the file.
            unused("vision_model.embeddings.position_ids", c -> dims(1, c.vision().numPatches())),
            unused("vision_model.head.probe", c -> dims(1, 1, vh(c))),
            unused("vision_model.head.attention.in_proj_weight", c -> dims(3L * vh(c), vh(c))),
            unused("vision_model.head.attention.in_proj_bias", c -> dims(3L * vh(c))),
            unused("vision_model.head.attention.out_proj.weight", c -> dims(vh(c), vh(c))),
            unused("vision_model.head.attention.out_proj.bias", c -> dims(vh(c))),
            unused("vision_model.head.layernorm.weight", c -> dims(vh(c))),
            unused("vision_model.head.layernorm.bias", c -> dims(vh(c))),
            unused("vision_model.head.mlp.fc1.weight", c -> dims(vf(c), vh(c))),
            unused("vision_model.head.mlp.fc1.bias", c -> dims(vf(c))),
            unused("vision_model.head.mlp.fc2.weight", c -> dims(vh(c), vf(c))),
            unused("vision_model.head.mlp.fc2.bias", c -> dims(vh(c))));

    /** InternViT (InternVL's InternVisionModel): packed qkv, layer scale, class token, no final norm. */
    static final List<TensorRule> INTERNVIT = List.of(
            vision("vision_model.embeddings.class_embedding", EMBEDDING, c -> dims(1, 1, vh(c))),
            vision("vision_model.embeddings.patch_embedding.weight", LINEAR,
                    c -> dims(vh(c), c.vision().numChannels(), c.vision().patchSize(), c.vision().patchSize())),
            vision("vision_model.embeddings.patch_embedding.bias", ZEROS, c -> dims(vh(c))),
            vision("vision_model.embeddings.position_embedding", EMBEDDING, c -> dims(1, c.vision().numPositions(), vh(c))),
            visionLayer("norm1.weight", ONES, c -> dims(vh(c))),
            visionLayer("norm1.bias", ZEROS, c -> dims(vh(c)), TensorTables::layerNorm),
            visionLayer("attn.qkv.weight", LINEAR, c -> dims(3L * vh(c), vh(c))),
            visionLayer("attn.qkv.bias", ZEROS, c -> dims(3L * vh(c)), c -> c.vision().qkvBias()),
            visionLayer("attn.q_norm.weight", ONES, c -> dims(vh(c)), c -> c.vision().qkNormalization()),
            visionLayer("attn.k_norm.weight", ONES, c -> dims(vh(c)), c -> c.vision().qkNormalization()),
            visionLayer("attn.proj.weight", LINEAR, c -> dims(vh(c), vh(c))),
            visionLayer("attn.proj.bias", ZEROS, c -> dims(vh(c))),
            visionLayer("ls1", LAYER_SCALE, c -> dims(vh(c))),
            visionLayer("norm2.weight", ONES, c -> dims(vh(c))),
            visionLayer("norm2.bias", ZEROS, c -> dims(vh(c)), TensorTables::layerNorm),
            visionLayer("mlp.fc1.weight", LINEAR, c -> dims(vf(c), vh(c))),
            visionLayer("mlp.fc1.bias", ZEROS, c -> dims(vf(c))),
            visionLayer("mlp.fc2.weight", LINEAR, c -> dims(vh(c), vf(c))),
            visionLayer("mlp.fc2.bias", ZEROS, c -> dims(vh(c))),
            visionLayer("ls2", LAYER_SCALE, c -> dims(vh(c))));

    /** InternVL's projector: LayerNorm, Linear, GELU (index 2, no weights), Linear. */
    static final List<TensorRule> MLP1 = List.of(
            rule(PROJECTOR, "mlp1.0.weight", ONES, c -> dims(c.projector().inputSize())),
            rule(PROJECTOR, "mlp1.0.bias", ZEROS, c -> dims(c.projector().inputSize())),
            rule(PROJECTOR, "mlp1.1.weight", LINEAR, c -> dims(c.projector().outputSize(), c.projector().inputSize())),
            rule(PROJECTOR, "mlp1.1.bias", ZEROS, c -> dims(c.projector().outputSize())),
            rule(PROJECTOR, "mlp1.3.weight", LINEAR, c -> dims(c.projector().outputSize(), c.projector().outputSize())),
            rule(PROJECTOR, "mlp1.3.bias", ZEROS, c -> dims(c.projector().outputSize())));

    /** Qwen2 / Qwen2.5 / Qwen3 causal LM under {@code language_model.}. */
    static final List<TensorRule> QWEN = List.of(
            rule(EMBEDDINGS, "language_model.model.embed_tokens.weight", EMBEDDING, c -> dims(vocab(c), dh(c))),
            decoderLayer("model.layers.{i}.input_layernorm.weight", ONES, c -> dims(dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.self_attn.q_proj.weight", LINEAR, c -> dims(qw(c), dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.self_attn.q_proj.bias", ZEROS, c -> dims(qw(c)), TensorTables::qkvBias),
            decoderLayer("model.layers.{i}.self_attn.k_proj.weight", LINEAR, c -> dims(kw(c), dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.self_attn.k_proj.bias", ZEROS, c -> dims(kw(c)), TensorTables::qkvBias),
            decoderLayer("model.layers.{i}.self_attn.v_proj.weight", LINEAR, c -> dims(kw(c), dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.self_attn.v_proj.bias", ZEROS, c -> dims(kw(c)), TensorTables::qkvBias),
            decoderLayer("model.layers.{i}.self_attn.o_proj.weight", LINEAR, c -> dims(dh(c), qw(c)), ALWAYS),
            decoderLayer("model.layers.{i}.self_attn.o_proj.bias", ZEROS, c -> dims(dh(c)), c -> c.decoder().outputBias()),
            decoderLayer("model.layers.{i}.self_attn.q_norm.weight", ONES, c -> dims(hd(c)), c -> c.decoder().qkNorm()),
            decoderLayer("model.layers.{i}.self_attn.k_norm.weight", ONES, c -> dims(hd(c)), c -> c.decoder().qkNorm()),
            decoderLayer("model.layers.{i}.post_attention_layernorm.weight", ONES, c -> dims(dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.mlp.gate_proj.weight", LINEAR, c -> dims(df(c), dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.mlp.up_proj.weight", LINEAR, c -> dims(df(c), dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.mlp.down_proj.weight", LINEAR, c -> dims(dh(c), df(c)), ALWAYS),
            rule(DECODER, "language_model.model.norm.weight", ONES, c -> dims(dh(c))),
            lmHead("language_model.lm_head.weight"));

    /** InternLM2 causal LM under {@code language_model.}: packed wqkv grouped per KV head. */
    static final List<TensorRule> INTERNLM2 = List.of(
            rule(EMBEDDINGS, "language_model.model.tok_embeddings.weight", EMBEDDING, c -> dims(vocab(c), dh(c))),
            decoderLayer("model.layers.{i}.attention_norm.weight", ONES, c -> dims(dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.attention.wqkv.weight", LINEAR, c -> dims(qw(c) + 2L * kw(c), dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.attention.wqkv.bias", ZEROS, c -> dims(qw(c) + 2L * kw(c)), TensorTables::qkvBias),
            decoderLayer("model.layers.{i}.attention.wo.weight", LINEAR, c -> dims(dh(c), qw(c)), ALWAYS),
            decoderLayer("model.layers.{i}.attention.wo.bias", ZEROS, c -> dims(dh(c)), c -> c.decoder().outputBias()),
            decoderLayer("model.layers.{i}.ffn_norm.weight", ONES, c -> dims(dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.feed_forward.w1.weight", LINEAR, c -> dims(df(c), dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.feed_forward.w3.weight", LINEAR, c -> dims(df(c), dh(c)), ALWAYS),
            decoderLayer("model.layers.{i}.feed_forward.w2.weight", LINEAR, c -> dims(dh(c), df(c)), ALWAYS),
            rule(DECODER, "language_model.model.norm.weight", ONES, c -> dims(dh(c))),
            lmHead("language_model.output.weight"));

    /** Returns the rows for {@code config}: its vision tower, {@code mlp1} and its decoder. */
    static List<TensorRule> forConfig(ModelConfig config) {
        List<TensorRule> rows = new ArrayList<>();
        rows.addAll(config.vision().kind() == VisionConfig.Kind.SIGLIP ? SIGLIP : INTERNVIT);
        rows.addAll(MLP1);
        rows.addAll(config.decoder().kind() == DecoderConfig.Kind.INTERNLM2 ? INTERNLM2 : QWEN);
        return rows;
    }

    private static TensorRule rule(Component component, String name, TensorRule.Init init,
            Function<ModelConfig, long[]> shape) {
        return new TensorRule(component, name, TensorRule.Layers.NONE, init, shape, ALWAYS, NEVER);
    }

    private static TensorRule vision(String name, TensorRule.Init init, Function<ModelConfig, long[]> shape) {
        return rule(VISION, name, init, shape);
    }

    private static TensorRule visionLayer(String suffix, TensorRule.Init init, Function<ModelConfig, long[]> shape) {
        return visionLayer(suffix, init, shape, ALWAYS);
    }

    private static TensorRule visionLayer(String suffix, TensorRule.Init init, Function<ModelConfig, long[]> shape,
            Predicate<ModelConfig> appliesWhen) {
        return new TensorRule(VISION, "vision_model.encoder.layers.{i}." + suffix, TensorRule.Layers.VISION, init,
                shape, appliesWhen, NEVER);
    }

    private static TensorRule decoderLayer(String suffix, TensorRule.Init init, Function<ModelConfig, long[]> shape,
            Predicate<ModelConfig> appliesWhen) {
        return new TensorRule(DECODER, "language_model." + suffix, TensorRule.Layers.DECODER, init, shape,
                appliesWhen, NEVER);
    }

    private static TensorRule unused(String name, Function<ModelConfig, long[]> shape) {
        return new TensorRule(UNUSED, name, TensorRule.Layers.NONE, LINEAR, shape, ALWAYS, ALWAYS);
    }

    /** Returns the output projection rule: required when untied, optional when tied (a copy may be stored). */
    private static TensorRule lmHead(String name) {
        return new TensorRule(LM_HEAD, name, TensorRule.Layers.NONE, EMBEDDING, c -> dims(vocab(c), dh(c)), ALWAYS,
                c -> c.decoder().tieWordEmbeddings());
    }

    private static boolean layerNorm(ModelConfig c) {
        return c.vision().normType().equals("layer_norm");
    }

    private static boolean qkvBias(ModelConfig c) {
        return c.decoder().qkvBias();
    }

    private static long[] dims(long... dims) {
        return dims;
    }

    private static long vh(ModelConfig c) {
        return c.vision().hiddenSize();
    }

    private static long vf(ModelConfig c) {
        return c.vision().intermediateSize();
    }

    private static long dh(ModelConfig c) {
        return c.decoder().hiddenSize();
    }

    private static long df(ModelConfig c) {
        return c.decoder().intermediateSize();
    }

    private static long hd(ModelConfig c) {
        return c.decoder().headDim();
    }

    private static long qw(ModelConfig c) {
        return c.decoder().queryWidth();
    }

    private static long kw(ModelConfig c) {
        return c.decoder().kvWidth();
    }

    private static long vocab(ModelConfig c) {
        return c.decoder().vocabSize();
    }
}
