package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.synth.SynthSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReferenceSpecsTest {

    @Test
    void nanoSpecsFollowTheConfig() {
        ModelConfig config = SynthSpec.tiny("magicvl-nano").modelConfig();
        VisionSpec vision = ReferenceSpecs.vision(config);
        DecoderSpec decoder = ReferenceSpecs.decoder(config);

        assertEquals(VisionSpec.Tower.SIGLIP, vision.tower());
        assertEquals(VisionSpec.Activation.GELU_TANH, vision.activation());
        assertEquals(config.vision().hiddenSize(), vision.hiddenSize());
        assertEquals(config.vision().layerNormEps(), vision.layerNormEps());
        assertEquals(1e-5, vision.projectorEps());
        assertEquals(config.decoder().hiddenSize(), vision.projectorSize());
        assertEquals(config.projector().tokensPerTile(), vision.tokensPerTile());
        assertEquals(DecoderSpec.Family.QWEN3, decoder.family());
        assertTrue(decoder.qkNorm());
        assertEquals(config.decoder().headDim(), decoder.headDim());
        assertEquals(config.decoder().numKvHeads(), decoder.kvHeads());
        assertEquals("language_model.model.embed_tokens.weight", decoder.embeddingName());
    }

    @Test
    void internVlUsesInternLm2Names() {
        DecoderSpec decoder = ReferenceSpecs.decoder(SynthSpec.tiny("internvl2_5-2b").modelConfig());
        assertEquals(DecoderSpec.Family.INTERNLM2, decoder.family());
        assertEquals("language_model.model.tok_embeddings.weight", decoder.embeddingName());
        assertEquals("language_model.output.weight", decoder.lmHeadName());
        assertEquals(1e-5, decoder.rmsNormEps());
    }

    @Test
    void unknownActivationIsRejected() {
        SynthSpec spec = SynthSpec.tiny("magicvl-nano");
        ObjectNode config = spec.config().deepCopy();
        ((ObjectNode) config.get("vision_config")).put("hidden_act", "quick_gelu");
        ModelConfig parsed = ModelConfig.parse(Path.of("nano/config.json"), config);

        MagicvlException e = assertThrows(MagicvlException.class, () -> ReferenceSpecs.vision(parsed));
        assertEquals(MagicvlException.Kind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("quick_gelu"), e.getMessage());
        assertTrue(e.getMessage().contains("hidden_act"), e.getMessage());
    }

    @Test
    void yarnRopeScalingIsRejected() {
        SynthSpec spec = SynthSpec.tiny("magicvl-nano");
        ObjectNode config = spec.config().deepCopy();
        ObjectNode scaling = ((ObjectNode) config.get("llm_config")).putObject("rope_scaling");
        scaling.put("rope_type", "yarn");
        scaling.put("factor", 4.0);
        ModelConfig parsed = ModelConfig.parse(Path.of("nano/config.json"), config);

        MagicvlException e = assertThrows(MagicvlException.class, () -> ReferenceSpecs.decoder(parsed));
        assertTrue(e.getMessage().contains("yarn"), e.getMessage());
    }

    @Test
    void transposedUnshuffleIsRejected() {
        SynthSpec spec = SynthSpec.tiny("magicvl-nano");
        ObjectNode config = spec.config().deepCopy();
        config.put("ps_version", "v1");
        ModelConfig parsed = ModelConfig.parse(Path.of("nano/config.json"), config);

        MagicvlException e = assertThrows(MagicvlException.class, () -> ReferenceSpecs.vision(parsed));
        assertTrue(e.getMessage().contains("ps_version is v1"), e.getMessage());
    }
}
