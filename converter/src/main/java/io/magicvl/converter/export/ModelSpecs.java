package io.magicvl.converter.export;

import io.magicvl.converter.graph.DecoderFamily;
import io.magicvl.converter.graph.DecoderSpec;
import io.magicvl.converter.graph.VisionFamily;
import io.magicvl.converter.graph.VisionSpec;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.DecoderConfig;
import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.model.VisionConfig;
import java.util.Map;

/**
 * Maps a parsed {@code config.json} to the graph builders' specs, and rejects the variants the
 * builders do not implement with a message that names the config key.
 */
public final class ModelSpecs {
    private static final Map<VisionConfig.Kind, VisionFamily> VISION = Map.of(
            VisionConfig.Kind.SIGLIP, VisionFamily.SIGLIP,
            VisionConfig.Kind.INTERNVIT, VisionFamily.INTERNVIT);
    private static final Map<DecoderConfig.Kind, DecoderFamily> DECODER = Map.of(
            DecoderConfig.Kind.QWEN3, DecoderFamily.QWEN,
            DecoderConfig.Kind.QWEN2, DecoderFamily.QWEN,
            DecoderConfig.Kind.INTERNLM2, DecoderFamily.INTERNLM2);
    private static final Map<DecoderConfig.Kind, String> LM_HEAD = Map.of(
            DecoderConfig.Kind.QWEN3, "language_model.lm_head.weight",
            DecoderConfig.Kind.QWEN2, "language_model.lm_head.weight",
            DecoderConfig.Kind.INTERNLM2, "language_model.output.weight");

    private ModelSpecs() {}

    /** Returns the vision tower family of {@code config}. */
    public static VisionFamily visionFamily(ModelConfig config) {
        return VISION.get(config.vision().kind());
    }

    /** Returns the decoder family of {@code config}. */
    public static DecoderFamily decoderFamily(ModelConfig config) {
        return DECODER.get(config.decoder().kind());
    }

    /**
     * Returns the vision spec of {@code config}.
     *
     * @throws MagicvlException (invalid input) for settings the vision graph does not implement
     */
    public static VisionSpec vision(ModelConfig config) {
        VisionConfig v = config.vision();
        String file = config.source().toString();
        if (v.qkNormalization()) {
            throw MagicvlException.invalidInput(file + ": vision_config.qk_normalization is true; magicvl exports"
                    + " InternViT without q/k normalization only (InternViT-300M).");
        }
        if (v.kind() == VisionConfig.Kind.INTERNVIT && !"layer_norm".equals(v.normType())) {
            throw MagicvlException.invalidInput(file + ": vision_config.norm_type is '" + v.normType()
                    + "'; magicvl exports InternViT with layer_norm only.");
        }
        if (config.projector().mergeFactor() != 2 || !"v2".equals(config.projector().psVersion())) {
            throw MagicvlException.invalidInput(file + ": downsample_ratio " + config.projector().downsampleRatio()
                    + " with ps_version '" + config.projector().psVersion() + "'; magicvl exports the 2x2 pixel"
                    + " unshuffle in v2 order (downsample_ratio 0.5, ps_version v2) only.");
        }
        if (config.selectLayer() != -1) {
            throw MagicvlException.invalidInput(file + ": select_layer is " + config.selectLayer()
                    + "; magicvl exports the last vision layer (-1) only.");
        }
        String act = v.hiddenAct();
        String expected = v.kind() == VisionConfig.Kind.SIGLIP ? "gelu_pytorch_tanh" : "gelu";
        if (!expected.equals(act)) {
            throw MagicvlException.invalidInput(file + ": vision_config.hidden_act is '" + act + "'; the "
                    + v.kind() + " graph implements '" + expected + "' only.");
        }
        if (v.gridSize() % 2 != 0) {
            throw MagicvlException.invalidInput(file + ": the patch grid of " + v.imageSize() + " px tiles with "
                    + v.patchSize() + " px patches is " + v.gridSize() + ", which the 2x2 unshuffle cannot split.");
        }
        return new VisionSpec("vision_model.", "mlp1.", v.hiddenSize(), v.numLayers(), v.numHeads(), v.intermediateSize(), v.imageSize(),
                v.patchSize(), v.layerNormEps(), config.projector().outputSize());
    }

    /**
     * Returns the decoder spec of {@code config}.
     *
     * @throws MagicvlException (invalid input) for settings the decoder graph does not implement
     */
    public static DecoderSpec decoder(ModelConfig config) {
        DecoderConfig d = config.decoder();
        String file = config.source().toString();
        if (!"silu".equals(d.hiddenAct())) {
            throw MagicvlException.invalidInput(file + ": llm_config.hidden_act is '" + d.hiddenAct()
                    + "'; the decoder graph implements silu only.");
        }
        if (d.outputBias()) {
            throw MagicvlException.invalidInput(file + ": the attention output projection has a bias;"
                    + " the decoder graph implements o_proj without bias only.");
        }
        if (d.qkvBias() && d.kind() == DecoderConfig.Kind.INTERNLM2) {
            throw MagicvlException.invalidInput(file + ": llm_config.bias is true; the InternLM2 graph implements"
                    + " wqkv without bias only (as in InternLM2.5).");
        }
        checkRopeScaling(config, d);
        return new DecoderSpec("language_model.model.", LM_HEAD.get(d.kind()), d.tieWordEmbeddings(), d.hiddenSize(),
                d.numLayers(), d.numHeads(), d.numKvHeads(), d.headDim(), d.intermediateSize(), d.vocabSize(),
                d.rmsNormEps(), d.ropeTheta(), d.qkvBias(), d.qkNorm());
    }

    private static void checkRopeScaling(ModelConfig config, DecoderConfig d) {
        Map<String, Object> scaling = d.ropeScaling();
        if (scaling == null || scaling.isEmpty()) {
            return;
        }
        Object type = scaling.getOrDefault("rope_type", scaling.get("type"));
        if ("default".equals(type)) {
            return;
        }
        if ("dynamic".equals(type)) {
            // NOTE: dynamic NTK changes the RoPE base only beyond max_position_embeddings. The graph
            // uses plain RoPE, so it is exact up to that length (32768 for InternLM2.5-1.8B).
            return;
        }
        throw MagicvlException.invalidInput(config.source() + ": llm_config.rope_scaling type '" + type
                + "' is not implemented; the decoder graph supports plain RoPE (and dynamic NTK below"
                + " max_position_embeddings).");
    }
}
