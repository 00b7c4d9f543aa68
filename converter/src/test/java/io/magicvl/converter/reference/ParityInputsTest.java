package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParityInputsTest {

    @Test
    void visionInputsAreDeterministic() {
        VisionSpec spec = ReferenceVisionTest.tinySiglip();
        ParityInputs.VisionInput a = ParityInputs.vision(spec, 42, 0.0f);
        ParityInputs.VisionInput b = ParityInputs.vision(spec, 42, 0.0f);
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(a.patchMask(), b.patchMask());
    }

    @Test
    void edgeTileIsPaddedOnWholeTokens() {
        VisionSpec spec = ReferenceVisionTest.tinySiglip();
        ParityInputs.VisionInput input = ParityInputs.vision(spec, 1, -7.0f);
        int patches = spec.patches();
        int grid = spec.gridSize();

        long fullTile = Arrays.stream(input.patchMask(), 0, patches).sum();
        assertEquals(patches, fullTile);
        long[] edge = Arrays.copyOfRange(input.patchMask(), patches, 2 * patches);
        long valid = Arrays.stream(edge).sum();
        assertTrue(valid > 0, "edge tile has " + valid + " valid patches");
        assertTrue(valid < patches, "edge tile has " + valid + " valid patches");
        // Every 2x2 window is either fully valid or fully padded.
        for (int i = 0; i < grid; i += 2) {
            for (int j = 0; j < grid; j += 2) {
                long window = edge[i * grid + j] + edge[i * grid + j + 1]
                        + edge[(i + 1) * grid + j] + edge[(i + 1) * grid + j + 1];
                assertTrue(window == 0 || window == 4, "window " + i + "," + j);
            }
        }
        // The last pixel of the edge tile lies in a padded patch and contains the pad value.
        assertEquals(-7.0f, input.pixels()[input.pixels().length - 1]);
    }

    @Test
    void internVitTilesHaveNoPadding() {
        ParityInputs.VisionInput input = ParityInputs.vision(
                ReferenceVisionTest.tinyInternVit(VisionSpec.Activation.GELU_ERF), 1, 0.0f);
        assertTrue(Arrays.stream(input.patchMask()).allMatch(v -> v == 1L));
    }

    @Test
    void decoderPromptWithImage() {
        DecoderSpec spec = ReferenceDecoderTest.tiny(DecoderSpec.Family.QWEN3, false, 2);
        ReferenceDecoder decoder = new ReferenceDecoder(spec, WeightSource.of(SyntheticWeights.decoder(spec, 1)));
        float[][] image = ReferenceVisionTest.randomRows(3, 32, 2);
        ParityInputs.DecoderInput input = ParityInputs.decoderWithImage(decoder, 5, 2, 4, 49, image, 2);

        assertEquals(9, input.promptIds().length);
        assertEquals(3, Arrays.stream(input.promptIds()).filter(id -> id == 49).count());
        assertArrayEquals(image[0], input.promptEmbeds()[2]);
        assertEquals(2, input.stepEmbeds().length);
        ParityInputs.DecoderInput again = ParityInputs.decoderWithImage(decoder, 5, 2, 4, 49, image, 2);
        assertArrayEquals(input.promptIds(), again.promptIds());
        assertArrayEquals(input.stepIds(), again.stepIds());
    }
}
