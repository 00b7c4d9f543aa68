package io.magicvl.converter.reference;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.DecoderConfig;
import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.model.ProjectorConfig;
import io.magicvl.core.model.VisionConfig;
import java.util.Map;

/**
 * Derives the reference's hyperparameters and tensor names from a parsed {@code config.json},
 * rejecting variants the reference does not implement.
 */
public final class ReferenceSpecs {
    /** Prefix of the vision tower tensors in InternVL-style checkpoints. */
    public static final String VISION_PREFIX = "vision_model.";
    /** Prefix of the projector tensors. */
    public static final String PROJECTOR_PREFIX = "mlp1.";
    /** Prefix of the decoder body tensors. */
    public static final String DECODER_PREFIX = "language_model.model.";

    private ReferenceSpecs() {}

    /**
     * Returns the vision tower and projector hyperparameters of {@code config}.
     *
     * @throws MagicvlException (invalid input) for an activation, norm or merge the reference
     *     does not implement
     */
    public static VisionSpec vision(ModelConfig config) {
        VisionConfig v = config.vision();
        ProjectorConfig projector = config.projector();
        String where = config.source() + ": vision_config";
        VisionSpec.Tower tower = v.kind() == VisionConfig.Kind.SIGLIP
                ? VisionSpec.Tower.SIGLIP : VisionSpec.Tower.INTERN_VIT;
        if (!v.normType().equals("layer_norm")) {
            throw unsupported(where + ".norm_type", v.normType(), "layer_norm");
        }
        if (v.qkNormalization()) {
            throw unsupported(where + ".qk_normalization", "true", "false (InternViT-300M)");
        }
        if (projector.mergeFactor() != 2 || Math.abs(projector.downsampleRatio() - 0.5) > 1e-9) {
            throw unsupported(config.source() + ": downsample_ratio",
                    Double.toString(projector.downsampleRatio()), "0.5 (2x2 pixel unshuffle)");
        }
        if (!projector.psVersion().equals("v2")) {
            throw unsupported(config.source() + ": ps_version", projector.psVersion(), "v2");
        }
        if (!projector.activation().equals("gelu")) {
            throw unsupported("projector activation", projector.activation(), "gelu");
        }
        return new VisionSpec(tower, activation(where + ".hidden_act", v.hiddenAct()), v.hiddenSize(),
                v.intermediateSize(), v.numLayers(), v.numHeads(), v.patchSize(), v.imageSize(),
                v.numChannels(), v.layerNormEps(), projector.layerNormEps(), projector.outputSize(),
                VISION_PREFIX, PROJECTOR_PREFIX);
    }

    /**
     * Returns the decoder hyperparameters of {@code config}.
     *
     * @throws MagicvlException (invalid input) for an activation or RoPE scaling the reference
     *     does not implement
     */
    public static DecoderSpec decoder(ModelConfig config) {
        DecoderConfig d = config.decoder();
        String where = config.source() + ": llm_config";
        if (!d.hiddenAct().equals("silu")) {
            throw unsupported(where + ".hidden_act", d.hiddenAct(), "silu");
        }
        checkRopeScaling(where, d);
        DecoderSpec.Family family;
        String lmHead;
        switch (d.kind()) {
            case QWEN3:
                family = DecoderSpec.Family.QWEN3;
                lmHead = "language_model.lm_head.weight";
                break;
            case QWEN2:
                family = DecoderSpec.Family.QWEN2;
                lmHead = "language_model.lm_head.weight";
                break;
            default:
                family = DecoderSpec.Family.INTERNLM2;
                lmHead = "language_model.output.weight";
                break;
        }
        return new DecoderSpec(family, d.hiddenSize(), d.intermediateSize(), d.numLayers(), d.numHeads(),
                d.numKvHeads(), d.headDim(), d.vocabSize(), d.rmsNormEps(), d.ropeTheta(), d.qkvBias(),
                d.outputBias(), DECODER_PREFIX, lmHead);
    }

    private static void checkRopeScaling(String where, DecoderConfig d) {
        Map<String, Object> scaling = d.ropeScaling();
        if (scaling == null || scaling.isEmpty()) {
            return;
        }
        Object type = scaling.containsKey("rope_type") ? scaling.get("rope_type") : scaling.get("type");
        // NOTE: dynamic NTK changes the RoPE base only for sequences longer than
        // max_position_embeddings (32768 for InternLM2.5); the reference always uses plain RoPE.
        if ("dynamic".equals(type) || "default".equals(type)) {
            return;
        }
        throw unsupported(where + ".rope_scaling", String.valueOf(scaling), "null or dynamic");
    }

    private static VisionSpec.Activation activation(String where, String hiddenAct) {
        switch (hiddenAct) {
            case "gelu_pytorch_tanh":
            case "gelu_new":
                return VisionSpec.Activation.GELU_TANH;
            case "gelu":
                return VisionSpec.Activation.GELU_ERF;
            default:
                throw unsupported(where, hiddenAct, "gelu_pytorch_tanh, gelu_new or gelu");
        }
    }

    private static MagicvlException unsupported(String key, String value, String supported) {
        return MagicvlException.invalidInput(key + " is " + value
                + ", which the reference implementation does not support; supported: " + supported);
    }
}
