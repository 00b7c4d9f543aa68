package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceVisionTest {

    static VisionSpec tinySiglip() {
        return new VisionSpec(VisionSpec.Tower.SIGLIP, VisionSpec.Activation.GELU_TANH, 16, 32, 2, 2,
                4, 16, 3, 1e-6, 1e-5, 12, "vision_model.", "mlp1.");
    }

    static VisionSpec tinyInternVit(VisionSpec.Activation activation) {
        return new VisionSpec(VisionSpec.Tower.INTERN_VIT, activation, 16, 32, 2, 2,
                4, 16, 3, 1e-6, 1e-5, 12, "vision_model.", "mlp1.");
    }

    @Test
    void outputShapes() {
        VisionSpec spec = tinySiglip();
        ReferenceVision vision = new ReferenceVision(spec, WeightSource.of(SyntheticWeights.vision(spec, 1)));
        ParityInputs.VisionInput input = ParityInputs.vision(spec, 7, 0.0f);
        ReferenceVision.Output out = vision.runWithHidden(input.pixels(), input.patchMask(), input.tiles());

        assertEquals(2, out.hidden().length);
        assertEquals(spec.patches(), out.hidden()[1].length);
        assertEquals(spec.hiddenSize(), out.hidden()[1][0].length);
        assertEquals(spec.tokensPerTile(), out.tokens()[1].length);
        assertEquals(spec.projectorSize(), out.tokens()[1][0].length);
    }

    @Test
    void paddedPixelsDoNotChangeValidPatches() {
        VisionSpec spec = tinySiglip();
        ReferenceVision vision = new ReferenceVision(spec, WeightSource.of(SyntheticWeights.vision(spec, 2)));
        ParityInputs.VisionInput input = ParityInputs.vision(spec, 8, 0.0f);
        float[] noisy = input.pixels().clone();
        SplittableRandom random = new SplittableRandom(3);
        int size = spec.imageSize();
        int grid = spec.gridSize();
        int tile = 1;
        int masked = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int patch = (y / spec.patchSize()) * grid + x / spec.patchSize();
                    if (input.patchMask()[tile * spec.patches() + patch] == 0) {
                        noisy[tile * spec.pixelsPerTile() + (c * size + y) * size + x] =
                                (float) random.nextDouble(-3, 3);
                        masked++;
                    }
                }
            }
        }
        assertTrue(masked > 0, "the edge tile must have padding");

        float[][][] clean = vision.runWithHidden(input.pixels(), input.patchMask(), 2).hidden();
        float[][][] changed = vision.runWithHidden(noisy, input.patchMask(), 2).hidden();

        for (int p = 0; p < spec.patches(); p++) {
            if (input.patchMask()[spec.patches() + p] != 0) {
                assertArrayEquals(clean[1][p], changed[1][p], "valid patch " + p);
            }
        }
        int firstPadded = indexOfFirstZero(input.patchMask(), spec.patches());
        assertFalse(java.util.Arrays.equals(clean[1][firstPadded], changed[1][firstPadded]),
                "a padded patch sees its own pixels");
    }

    @Test
    void maskedKeysAreExcluded() {
        // With every key allowed, the valid patches of the edge tile do see the padded ones.
        VisionSpec spec = tinySiglip();
        ReferenceVision vision = new ReferenceVision(spec, WeightSource.of(SyntheticWeights.vision(spec, 2)));
        ParityInputs.VisionInput input = ParityInputs.vision(spec, 8, 0.0f);
        float[][][] masked = vision.runWithHidden(input.pixels(), input.patchMask(), 2).hidden();
        float[][][] unmasked = vision.runWithHidden(input.pixels(), null, 2).hidden();

        assertArrayEquals(masked[0][0], unmasked[0][0], "the full tile has no masked keys");
        assertFalse(java.util.Arrays.equals(masked[1][0], unmasked[1][0]));
    }

    @Test
    void pixelUnshuffleOrder() {
        int grid = 4;
        float[][] patches = new float[grid * grid][2];
        for (int t = 0; t < patches.length; t++) {
            patches[t][0] = t;
            patches[t][1] = 100 + t;
        }
        float[][] merged = ReferenceVision.pixelUnshuffle(patches, grid);

        assertEquals(4, merged.length);
        // Token (0, 1) covers patches (0,2), (0,3), (1,2), (1,3): TL, TR, BL, BR, channel innermost.
        assertArrayEquals(new float[] {2, 102, 3, 103, 6, 106, 7, 107}, merged[1]);
        // Token (1, 0) covers patches (2,0), (2,1), (3,0), (3,1).
        assertArrayEquals(new float[] {8, 108, 9, 109, 12, 112, 13, 113}, merged[2]);
    }

    @Test
    void gatherFollowsImageRasterOrder() {
        // Two tiles side by side with 2x2 tokens each; the image covers 2 rows and 3 columns.
        float[][][] tiles = new float[2][4][];
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < 4; i++) {
                tiles[t][i] = new float[] {10 * t + i};
            }
        }
        float[][] gathered = ReferenceVision.gatherImageTokens(tiles, 1, 2, 2, 3);

        float[] order = ParityStats.flatten(gathered);
        assertArrayEquals(new float[] {0, 1, 10, 2, 3, 12}, order);
        assertSame(tiles[1][2], gathered[5]);
    }

    @Test
    void internVitQkvMatchesSeparateProjections() {
        // An InternViT layer with ls = 1 and [Q;K;V] packed from SigLIP's separate projections
        // computes exactly what the SigLIP layer computes.
        VisionSpec siglip = new VisionSpec(VisionSpec.Tower.SIGLIP, VisionSpec.Activation.GELU_ERF,
                16, 32, 1, 2, 4, 16, 3, 1e-6, 1e-5, 12, "v.", "mlp1.");
        VisionSpec intern = new VisionSpec(VisionSpec.Tower.INTERN_VIT, VisionSpec.Activation.GELU_ERF,
                16, 32, 1, 2, 4, 16, 3, 1e-6, 1e-5, 12, "v.", "mlp1.");
        Map<String, float[]> s = SyntheticWeights.vision(siglip, 5);
        Map<String, float[]> i = new HashMap<>();
        String a = "v.encoder.layers.0.";
        i.put(a + "norm1.weight", s.get(a + "layer_norm1.weight"));
        i.put(a + "norm1.bias", s.get(a + "layer_norm1.bias"));
        i.put(a + "norm2.weight", s.get(a + "layer_norm2.weight"));
        i.put(a + "norm2.bias", s.get(a + "layer_norm2.bias"));
        i.put(a + "attn.qkv.weight", concat(s.get(a + "self_attn.q_proj.weight"),
                s.get(a + "self_attn.k_proj.weight"), s.get(a + "self_attn.v_proj.weight")));
        i.put(a + "attn.qkv.bias", concat(s.get(a + "self_attn.q_proj.bias"),
                s.get(a + "self_attn.k_proj.bias"), s.get(a + "self_attn.v_proj.bias")));
        i.put(a + "attn.proj.weight", s.get(a + "self_attn.out_proj.weight"));
        i.put(a + "attn.proj.bias", s.get(a + "self_attn.out_proj.bias"));
        for (String fc : new String[] {"mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight", "mlp.fc2.bias"}) {
            i.put(a + fc, s.get(a + fc));
        }
        float[] ones = new float[16];
        java.util.Arrays.fill(ones, 1.0f);
        i.put(a + "ls1", ones);
        i.put(a + "ls2", ones);

        float[][] x = randomRows(9, 16, 11);
        float[][] y = deepCopy(x);
        boolean[] allowed = new boolean[9];
        java.util.Arrays.fill(allowed, true);
        VisionLayer.siglip(siglip, WeightSource.of(s), 0).forward(x, allowed);
        VisionLayer.internVit(intern, WeightSource.of(i), 0).forward(y, allowed);

        for (int t = 0; t < x.length; t++) {
            assertArrayEquals(x[t], y[t], "token " + t);
        }
    }

    @Test
    void internVitZeroLayerScaleKeepsEmbeddings() {
        // With ls1 = ls2 = 0 every layer is the identity, so the output is the patch embedding
        // plus position rows 1..P (row 0 belongs to CLS, which is dropped).
        VisionSpec spec = tinyInternVit(VisionSpec.Activation.GELU_ERF);
        Map<String, float[]> weights = SyntheticWeights.vision(spec, 6);
        for (int l = 0; l < spec.layers(); l++) {
            weights.put("vision_model.encoder.layers." + l + ".ls1", new float[16]);
            weights.put("vision_model.encoder.layers." + l + ".ls2", new float[16]);
        }
        float[] positions = weights.get("vision_model.embeddings.position_embedding");
        float[] zeros = new float[positions.length];
        Map<String, float[]> withoutPositions = new HashMap<>(weights);
        withoutPositions.put("vision_model.embeddings.position_embedding", zeros);
        ParityInputs.VisionInput input = ParityInputs.vision(spec, 9, 0.0f);

        float[][] with = new ReferenceVision(spec, WeightSource.of(weights))
                .runWithHidden(input.pixels(), null, 2).hidden()[0];
        float[][] without = new ReferenceVision(spec, WeightSource.of(withoutPositions))
                .runWithHidden(input.pixels(), null, 2).hidden()[0];

        for (int p = 0; p < spec.patches(); p++) {
            for (int c = 0; c < 16; c++) {
                assertEquals(positions[(p + 1) * 16 + c], with[p][c] - without[p][c], 1e-5,
                        "patch " + p + " channel " + c);
            }
        }
    }

    @Test
    void missingTensorNamesTheTensor() {
        VisionSpec spec = tinySiglip();
        Map<String, float[]> weights = SyntheticWeights.vision(spec, 1);
        weights.remove("mlp1.3.bias");
        MagicvlException e = assertThrows(MagicvlException.class,
                () -> new ReferenceVision(spec, WeightSource.of(weights)));
        assertTrue(e.getMessage().contains("mlp1.3.bias"), e.getMessage());
        assertEquals(MagicvlException.Kind.INVALID_INPUT, e.kind());
    }

    @Test
    void wrongPixelCountIsRejected() {
        VisionSpec spec = tinySiglip();
        ReferenceVision vision = new ReferenceVision(spec, WeightSource.of(SyntheticWeights.vision(spec, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vision.run(new float[10], null, 1));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
    }

    private static int indexOfFirstZero(long[] mask, int offset) {
        for (int i = offset; i < mask.length; i++) {
            if (mask[i] == 0) {
                return i - offset;
            }
        }
        throw new AssertionError("no padded patch");
    }

    private static float[] concat(float[]... parts) {
        return ParityStats.flatten(parts);
    }

    static float[][] randomRows(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[rows][columns];
        for (float[] row : x) {
            for (int i = 0; i < columns; i++) {
                row[i] = (float) random.nextDouble(-1, 1);
            }
        }
        return x;
    }

    static float[][] deepCopy(float[][] x) {
        return java.util.Arrays.stream(x).map(float[]::clone).toArray(float[][]::new);
    }
}
