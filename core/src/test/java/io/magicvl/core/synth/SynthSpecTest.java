package io.magicvl.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.Component;
import io.magicvl.core.model.DecoderConfig;
import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.testing.TestPaths;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter counts of the full-size presets, computed from the specs without writing files. */
class SynthSpecTest {
    /** SigLIP2-B/16-384 without the pooling head: 86,088,960 (published as 86M). */
    private static final long SIGLIP2_B16_384 = 86_088_960L;
    /** Qwen3-1.7B with tied embeddings: 1.72B. */
    private static final long QWEN3_1_7B = 1_720_574_976L;
    /** Qwen2.5-1.5B with tied embeddings: 1.54B. */
    private static final long QWEN25_1_5B = 1_543_714_304L;

    private static long decoder(Map<Component, Long> counts) {
        return counts.getOrDefault(Component.EMBEDDINGS, 0L) + counts.getOrDefault(Component.DECODER, 0L)
                + counts.getOrDefault(Component.LM_HEAD, 0L);
    }

    @Test
    void magicvl2bCounts() {
        Map<Component, Long> counts = SynthSpec.full("magicvl-2b").parameterCounts();
        assertEquals(SIGLIP2_B16_384, counts.get(Component.VISION));
        assertEquals(QWEN3_1_7B, decoder(counts));
        assertEquals(2L * 3072 + 3072L * 2048 + 2048 + 2048L * 2048 + 2048, counts.get(Component.PROJECTOR));
        assertEquals(null, counts.get(Component.LM_HEAD));
    }

    @Test
    void magicvl2bQwen25Counts() {
        SynthSpec spec = SynthSpec.full("magicvl-2b-qwen25");
        Map<Component, Long> counts = spec.parameterCounts();
        assertEquals(SIGLIP2_B16_384, counts.get(Component.VISION));
        assertEquals(QWEN25_1_5B, decoder(counts));
        DecoderConfig decoder = spec.modelConfig().decoder();
        assertTrue(decoder.qkvBias());
        assertEquals(1536, decoder.hiddenSize());
    }

    @Test
    void internvl25Counts() {
        SynthSpec spec = SynthSpec.full("internvl2_5-2b");
        Map<Component, Long> counts = spec.parameterCounts();
        assertEquals(221, Math.round(spec.totalParameters() / 1e7), "InternVL2.5-2B is published as 2.21B");
        assertEquals(30, Math.round(counts.get(Component.VISION) / 1e7), "InternViT-300M");
        assertEquals(189, Math.round(decoder(counts) / 1e7), "InternLM2.5-1.8B with its untied output");
        long vocab = spec.modelConfig().decoder().vocabSize();
        assertEquals(vocab * 2048, counts.get(Component.LM_HEAD));
        assertTrue(spec.layout().find("language_model.model.layers.23.attention.wqkv.weight").isPresent());
    }

    @Test
    void nanoPresetMatchesFixture() {
        ModelConfig fixture = ModelConfig.read(TestPaths.nanoRun().resolve("stage4-advanced"));
        SynthSpec spec = SynthSpec.full("magicvl-nano");
        assertEquals(fixture.layout().requiredParameters(), spec.parameterCounts());
        assertEquals(fixture.layout().required(), spec.layout().required());
        assertEquals(fixture.imgContextTokenId(), spec.modelConfig().imgContextTokenId());
    }

    @Test
    void tinyKeepsNamesOfStructure() {
        for (String architecture : SynthSpec.ARCHITECTURES) {
            SynthSpec full = SynthSpec.full(architecture);
            SynthSpec tiny = SynthSpec.tiny(architecture);
            assertTrue(tiny.totalParameters() < 1_000_000, architecture + " tiny has " + tiny.totalParameters());
            for (var tensor : tiny.layout().required()) {
                assertTrue(full.layout().find(tensor.name()).isPresent(), architecture + ": " + tensor.name());
            }
            assertEquals(full.modelConfig().decoder().tieWordEmbeddings(), tiny.modelConfig().decoder().tieWordEmbeddings());
            assertEquals(full.modelConfig().decoder().qkvBias(), tiny.modelConfig().decoder().qkvBias());
            assertEquals(full.modelConfig().architecture(), tiny.modelConfig().architecture());
        }
    }

    @Test
    void unknownArchitecture() {
        MagicvlException error = assertThrows(MagicvlException.class, () -> SynthSpec.full("llava-7b"));
        assertTrue(error.getMessage().contains("'llava-7b'") && error.getMessage().contains("magicvl-2b"),
                error.getMessage());
    }
}
