package io.magicvl.converter.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import io.magicvl.converter.parity.OrtGraphs;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.ElementType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionGraphTest {
    @TempDir
    Path dir;

    /** A tile whose right half and bottom half (in whole 2x2 token blocks) is padding. */
    private static long[] edgeMask(VisionSpec spec) {
        int grid = spec.grid();
        long[] mask = new long[spec.patches()];
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                mask[row * grid + col] = row < grid / 2 && col < grid / 2 ? 1 : 0;
            }
        }
        return mask;
    }

    private static float[] randomPixels(Random random, int count) {
        float[] pixels = new float[count];
        for (int i = 0; i < count; i++) {
            pixels[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return pixels;
    }

    /** Sets every pixel of padded patches to {@code value}, leaving valid patches as they are. */
    private static float[] fillPadding(float[] pixels, long[] mask, VisionSpec spec, Random random) {
        float[] out = pixels.clone();
        int side = spec.imageSize();
        int p = spec.patchSize();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    if (mask[(y / p) * spec.grid() + x / p] == 0) {
                        out[(c * side + y) * side + x] = (float) (random.nextGaussian() * 3);
                    }
                }
            }
        }
        return out;
    }

    private void checkPaddingIndependence(VisionFamily family, VisionSpec spec, MemoryWeights weights) throws Exception {
        Path file = ComponentGraphs.writeVision(dir.resolve(family + ".onnx"), weights, family, spec, ElementType.FLOAT,
                Map.of()).model();
        long[] mask = edgeMask(spec);
        Random random = new Random(3);
        float[] pixels = fillPadding(randomPixels(random, 3 * spec.imageSize() * spec.imageSize()), mask, spec, random);
        float[] other = fillPadding(pixels, mask, spec, random);
        try (OrtSession session = OrtGraphs.open(file)) {
            float[] a = OrtGraphs.vision(session, pixels, mask, 1, spec.imageSize());
            float[] b = OrtGraphs.vision(session, other, mask, 1, spec.imageSize());
            assertEquals(spec.tokensPerTile() * spec.outputHidden(), a.length);
            int half = spec.grid() / 2;
            int validTokens = 0;
            int changedPadTokens = 0;
            for (int token = 0; token < spec.tokensPerTile(); token++) {
                boolean valid = token / half < half / 2 && token % half < half / 2;
                for (int c = 0; c < spec.outputHidden(); c++) {
                    int i = token * spec.outputHidden() + c;
                    if (valid) {
                        assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]),
                                "valid token " + token + " channel " + c + " must be bit-identical");
                    } else if (a[i] != b[i]) {
                        changedPadTokens++;
                    }
                }
                validTokens += valid ? 1 : 0;
            }
            assertTrue(validTokens > 0, "the mask leaves valid tokens");
            assertTrue(changedPadTokens > 0, "padded tokens do depend on the padded pixels");
        }
    }

    @Test
    void siglipValidTokensIgnorePadding() throws Exception {
        checkPaddingIndependence(VisionFamily.SIGLIP, TinyModels.siglipSpec(), TinyModels.siglip(1));
    }

    @Test
    void internVitValidTokensIgnorePadding() throws Exception {
        checkPaddingIndependence(VisionFamily.INTERNVIT, TinyModels.internVitSpec(), TinyModels.internVit(2));
    }

    @Test
    void fp16CloseToFp32() throws Exception {
        VisionSpec spec = TinyModels.siglipSpec();
        MemoryWeights weights = TinyModels.siglip(4);
        Path fp32 = ComponentGraphs.writeVision(dir.resolve("v32.onnx"), weights, VisionFamily.SIGLIP, spec,
                ElementType.FLOAT, Map.of()).model();
        Path fp16 = ComponentGraphs.writeVision(dir.resolve("v16.onnx"), weights, VisionFamily.SIGLIP, spec,
                ElementType.FLOAT16, Map.of()).model();
        long[] mask = new long[2 * spec.patches()];
        java.util.Arrays.fill(mask, 1);
        float[] pixels = randomPixels(new Random(5), 2 * 3 * spec.imageSize() * spec.imageSize());
        try (OrtSession a = OrtGraphs.open(fp32); OrtSession b = OrtGraphs.open(fp16)) {
            float[] x = OrtGraphs.vision(a, pixels, mask, 2, spec.imageSize());
            float[] y = OrtGraphs.vision(b, pixels, mask, 2, spec.imageSize());
            double maxAbs = 0;
            double maxValue = 0;
            for (int i = 0; i < x.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(x[i] - y[i]));
                maxValue = Math.max(maxValue, Math.abs(x[i]));
            }
            assertTrue(maxAbs < 1e-2 * maxValue, "fp16 max abs " + maxAbs + " vs output scale " + maxValue);
            assertTrue(maxAbs > 0, "fp16 weights are rounded");
        }
    }

    @Test
    void shapeMismatchNamesTensor() {
        VisionSpec spec = TinyModels.siglipSpec();
        VisionSpec wrong = new VisionSpec(spec.prefix(), spec.projectorPrefix(), spec.hidden(), spec.layers(),
                spec.heads(), spec.intermediate(), 96, spec.patchSize(), spec.layerNormEps(), spec.outputHidden());

        MagicvlException error = assertThrows(MagicvlException.class, () -> ComponentGraphs.writeVision(
                dir.resolve("bad.onnx"), TinyModels.siglip(1), VisionFamily.SIGLIP, wrong, ElementType.FLOAT, Map.of()));

        assertTrue(error.getMessage().contains("vision_model.embeddings.position_embedding.weight has shape [16, 32]"),
                error.getMessage());
        assertTrue(error.getMessage().contains("[36, 32]"), error.getMessage());
    }
}
