package io.magicvl.converter.parity;

import io.magicvl.converter.graph.DecoderSpec;
import io.magicvl.converter.graph.VisionFamily;
import io.magicvl.converter.graph.VisionSpec;
import io.magicvl.core.model.DecoderConfig;
import java.util.Map;

/** Translates the graph builders' specs into the reference implementation's specs. */
final class ReferenceSpecs {
    private static final Map<DecoderConfig.Kind, io.magicvl.converter.reference.DecoderSpec.Family> FAMILIES = Map.of(
            DecoderConfig.Kind.QWEN3, io.magicvl.converter.reference.DecoderSpec.Family.QWEN3,
            DecoderConfig.Kind.QWEN2, io.magicvl.converter.reference.DecoderSpec.Family.QWEN2,
            DecoderConfig.Kind.INTERNLM2, io.magicvl.converter.reference.DecoderSpec.Family.INTERNLM2);

    private ReferenceSpecs() {}

    static io.magicvl.converter.reference.VisionSpec vision(VisionFamily family, VisionSpec spec) {
        boolean siglip = family == VisionFamily.SIGLIP;
        return new io.magicvl.converter.reference.VisionSpec(
                siglip ? io.magicvl.converter.reference.VisionSpec.Tower.SIGLIP
                        : io.magicvl.converter.reference.VisionSpec.Tower.INTERN_VIT,
                siglip ? io.magicvl.converter.reference.VisionSpec.Activation.GELU_TANH
                        : io.magicvl.converter.reference.VisionSpec.Activation.GELU_ERF,
                spec.hidden(), spec.intermediate(), spec.layers(), spec.heads(), spec.patchSize(), spec.imageSize(), 3,
                spec.layerNormEps(), VisionSpec.PROJECTOR_EPS, spec.outputHidden(), spec.prefix(), spec.projectorPrefix());
    }

    static io.magicvl.converter.reference.DecoderSpec decoder(DecoderConfig.Kind kind, DecoderSpec spec) {
        return new io.magicvl.converter.reference.DecoderSpec(FAMILIES.get(kind), spec.hidden(), spec.intermediate(),
                spec.layers(), spec.heads(), spec.kvHeads(), spec.headDim(), spec.vocab(), spec.rmsNormEps(),
                spec.ropeTheta(), spec.qkvBias(), false, spec.prefix(), spec.lmHead());
    }
}
