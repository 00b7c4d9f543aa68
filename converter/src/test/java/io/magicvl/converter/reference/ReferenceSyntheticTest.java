package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.model.TokenizerInfo;
import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.synth.SynthSpec;
import io.magicvl.core.synth.SyntheticCheckpoint;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the reference on tiny synthetic checkpoints of every architecture core can write,
 * including InternVL2.5 (InternViT + InternLM2), which has no golden outputs.
 */
class ReferenceSyntheticTest {
    private static final double CACHE_TOLERANCE = 1e-5;

    @TempDir
    Path temp;

    static Iterable<String> architectures() {
        return SynthSpec.ARCHITECTURES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void loadsAndDecodesConsistently(String architecture) {
        Path folder = temp.resolve(architecture);
        SyntheticCheckpoint.write(SynthSpec.tiny(architecture), folder,
                SyntheticCheckpoint.Options.defaults().withSeed(11));
        ModelConfig config = ModelConfig.read(folder);

        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            WeightSource weights = WeightSource.of(checkpoint);
            VisionSpec visionSpec = ReferenceSpecs.vision(config);
            ReferenceVision vision = new ReferenceVision(visionSpec, weights);
            ReferenceDecoder decoder = new ReferenceDecoder(ReferenceSpecs.decoder(config), weights);

            ParityInputs.VisionInput pixels = ParityInputs.vision(visionSpec, 3, 0.0f);
            float[][][] tokens = vision.run(pixels.pixels(), pixels.patchMask(), pixels.tiles());
            assertEquals(pixels.tiles(), tokens.length);
            assertEquals(visionSpec.tokensPerTile(), tokens[1].length);
            assertEquals(config.decoder().hiddenSize(), tokens[1][0].length);
            float[] flat = ParityStats.flatten(tokens);
            assertEquals(0, ParityStats.compare(flat, flat).nonFinite(), "tokens are finite");

            // InternVL configs do not name the placeholder id; the tokenizer does.
            int imageContextId = TokenizerInfo.read(folder).idOf("<IMG_CONTEXT>").orElseThrow();
            ParityInputs.DecoderInput prompt = ParityInputs.decoderWithImage(decoder, 5, 3, 4,
                    imageContextId, tokens[0], 2);
            float[] prefill = decoder.prefill(prompt.promptEmbeds());
            float[] step1 = decoder.step(prompt.stepEmbeds()[0]);
            float[] step2 = decoder.step(prompt.stepEmbeds()[1]);
            int length = prompt.promptIds().length;
            assertEquals(length + 2, decoder.cacheLength());

            decoder.reset();
            float[][] all = Arrays.copyOf(prompt.promptEmbeds(), length + 2);
            all[length] = prompt.stepEmbeds()[0];
            all[length + 1] = prompt.stepEmbeds()[1];
            float[][] full = decoder.forward(all);
            assertTrue(ParityStats.compare(full[length - 1], prefill).withinAbs(CACHE_TOLERANCE));
            assertTrue(ParityStats.compare(full[length], step1).withinAbs(CACHE_TOLERANCE));
            ParityStats last = ParityStats.compare(full[length + 1], step2);
            assertTrue(last.withinAbs(CACHE_TOLERANCE), last.summary());
        }
    }

    @Test
    void internVitIgnoresAllOnesMask() {
        Path folder = temp.resolve("internvl");
        SyntheticCheckpoint.write(SynthSpec.tiny("internvl2_5-2b"), folder,
                SyntheticCheckpoint.Options.defaults().withSeed(2));
        ModelConfig config = ModelConfig.read(folder);
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            VisionSpec spec = ReferenceSpecs.vision(config);
            ReferenceVision vision = new ReferenceVision(spec, WeightSource.of(checkpoint));
            ParityInputs.VisionInput input = ParityInputs.vision(spec, 4, 0.0f);

            assertEquals(VisionSpec.Tower.INTERN_VIT, spec.tower());
            assertEquals(VisionSpec.Activation.GELU_ERF, spec.activation());
            float[][][] masked = vision.run(input.pixels(), input.patchMask(), input.tiles());
            float[][][] unmasked = vision.run(input.pixels(), null, input.tiles());
            assertArrayEquals(ParityStats.flatten(unmasked), ParityStats.flatten(masked));
            assertFalse(Arrays.equals(masked[0][0], masked[1][0]), "tiles differ");
        }
    }
}
