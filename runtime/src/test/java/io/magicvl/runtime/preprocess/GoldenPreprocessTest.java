package io.magicvl.runtime.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.runtime.Golden;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Preprocessing against the PIL-produced pixel tiles and patch masks of the golden files. */
class GoldenPreprocessTest {
    /** One 8-bit step after normalization with std 0.5, plus float rounding. */
    private static final double PIXEL_TOLERANCE = 2.0 / 255 + 1e-6;

    static List<Arguments> images() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : List.of("nano-dev.safetensors", "qwen25-t128-dev.safetensors")) {
            String checkpoint = file.startsWith("nano") ? "magicvl-nano/stage4-advanced" : "variants/qwen25-t128";
            try (Golden golden = Golden.load(file)) {
                for (int n = 0; n < golden.images(); n++) {
                    cases.add(Arguments.of(file, checkpoint, n, golden.metadata("i" + n + ".image")));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("images")
    void tilesMatchPil(String file, String checkpoint, int n, String imageName) {
        try (Golden golden = Golden.load(file)) {
            checkImage(golden, checkpoint, n, imageName);
        }
    }

    private static void checkImage(Golden golden, String checkpoint, int n, String imageName) {
        PreprocessSpec spec = FixtureSpecs.fromCheckpoint(Golden.folder().resolveSibling(checkpoint));
        Path image = golden.image(n);

        PreprocessedImage result = new ImagePreprocessor(spec).preprocess(image);

        String prefix = "i" + n + ".";
        String[] tileGrid = golden.metadata(prefix + "tile_grid").split("x");
        String[] tokenGrid = golden.metadata(prefix + "token_grid").split("x");
        assertEquals(Integer.parseInt(tileGrid[0]), result.tileRows(), "tile rows");
        assertEquals(Integer.parseInt(tileGrid[1]), result.tileCols(), "tile cols");
        assertEquals(Integer.parseInt(tokenGrid[0]), result.tokenRows(), "token rows");
        assertEquals(Integer.parseInt(tokenGrid[1]), result.tokenCols(), "token cols");

        float[] expected = golden.tensor(prefix + "pixel_tiles");
        assertEquals(expected.length, result.pixels().length, "pixel count");
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - result.pixels()[i]));
        }
        assertTrue(maxDiff <= PIXEL_TOLERANCE, "max pixel difference " + maxDiff + " for " + imageName);

        float[] expectedMask = golden.tensor(prefix + "patch_mask");
        long[] expectedMaskValues = new long[expectedMask.length];
        for (int i = 0; i < expectedMask.length; i++) {
            expectedMaskValues[i] = Math.round(expectedMask[i]);
        }
        assertArrayEquals(expectedMaskValues, result.patchMask(), "patch mask");
    }
}
