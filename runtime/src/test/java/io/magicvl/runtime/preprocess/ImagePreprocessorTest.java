package io.magicvl.runtime.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.runtime.image.ImageDecoder;
import io.magicvl.runtime.image.RgbImage;
import io.magicvl.runtime.image.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePreprocessorTest {
    private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    @TempDir
    Path dir;

    static PreprocessSpec tokenLevel(int tile, int maxTiles) {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        spec.put("scheme", "token_level");
        spec.put("tile_size", tile);
        spec.put("patch_size", 16);
        spec.put("token_pixels", 32);
        spec.put("max_tiles", maxTiles);
        spec.put("downscale_step", 0.9);
        spec.put("resample", "bicubic");
        spec.put("rescale_factor", 1 / 255.0);
        spec.set("image_mean", Json.MAPPER.valueToTree(new double[] {0.5, 0.5, 0.5}));
        spec.set("image_std", Json.MAPPER.valueToTree(new double[] {0.5, 0.5, 0.5}));
        spec.put("pad_value", 0.0);
        spec.put("tokens_per_tile", (tile / 32) * (tile / 32));
        return PreprocessSpec.fromJson(spec, "test");
    }

    static PreprocessSpec internVl(int maxTiles) {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        spec.put("scheme", "internvl_tiles");
        spec.put("tile_size", 448);
        spec.put("patch_size", 14);
        spec.put("min_tiles", 1);
        spec.put("max_tiles", maxTiles);
        spec.put("use_thumbnail", true);
        spec.put("resample", "bicubic");
        spec.put("rescale_factor", 1 / 255.0);
        spec.set("image_mean", Json.MAPPER.valueToTree(IMAGENET_MEAN));
        spec.set("image_std", Json.MAPPER.valueToTree(IMAGENET_STD));
        spec.put("tokens_per_tile", 256);
        return PreprocessSpec.fromJson(spec, "test");
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3} px")
    @CsvSource({
        "20, 11, 32, 32",      // less than half a token rounds up to one token
        "15, 16, 32, 32",      // 16 px is exactly half a token: rounds up
        "48, 47, 64, 32",      // 1.5 tokens rounds up, 1.47 rounds down
        "384, 384, 384, 384",
        "241, 87, 256, 96"
    })
    void sidesRoundHalfUpToTokens(int width, int height, int expectedWidth, int expectedHeight) {
        TokenGrid grid = TokenGrid.plan(width, height, tokenLevel(384, 24));

        assertEquals(expectedWidth, grid.width(), "width");
        assertEquals(expectedHeight, grid.height(), "height");
        assertEquals(1.0, grid.scale(), "scale");
    }

    @Test
    void tileCapScalesByNinetyPercentSteps() {
        // 4000 x 3000 at 384-px tiles: scale 0.9^k until ceil(W'/384) * ceil(H'/384) <= 24.
        TokenGrid grid = TokenGrid.plan(4000, 3000, tokenLevel(384, 24));

        double scale = 1.0;
        int w;
        int h;
        while (true) {
            w = (int) Math.max(1, Math.floor(4000 * scale / 32 + 0.5)) * 32;
            h = (int) Math.max(1, Math.floor(3000 * scale / 32 + 0.5)) * 32;
            if (((w + 383) / 384) * ((h + 383) / 384) <= 24) {
                break;
            }
            scale = scale * 0.9;
        }
        assertEquals(scale, grid.scale(), "scale");
        assertEquals(w, grid.width(), "width");
        assertEquals(h, grid.height(), "height");
        assertTrue(grid.tiles() <= 24, "tiles " + grid.tiles());
        assertTrue(grid.scale() < 1.0, "scale below 1");
    }

    @Test
    void tokenOrderIsRasterOverWholeImage() {
        // 3 x 2 tiles of 128 px (4 x 4 tokens each); the image is 10 x 5 tokens.
        PreprocessSpec spec = tokenLevel(128, 6);
        RgbImage image = new RgbImage(320, 160, new byte[320 * 160 * 3]);

        PreprocessedImage result = new ImagePreprocessor(spec).preprocess(image);

        assertEquals(6, result.tiles());
        assertEquals(50, result.visualTokens());
        // Token (row 0, col 4) is the first token of tile 1; token (row 4, col 9) is in tile 5
        // (row 1, col 2) at local row 0, col 1.
        assertEquals(16, result.tokenOrder()[4]);
        assertEquals(5 * 16 + 0 * 4 + 1, result.tokenOrder()[4 * 10 + 9]);
        // Tile 5 covers x 256..383 and y 128..255 of a 320 x 160 image: patches of x < 320, y < 160.
        long[] tile5 = java.util.Arrays.copyOfRange(result.patchMask(), 5 * 64, 6 * 64);
        long valid = java.util.Arrays.stream(tile5).sum();
        assertEquals(4 * 2, valid, "valid patches of the last tile");
        assertEquals(1, tile5[0]);
        assertEquals(0, tile5[4], "patch at x = 320 is padding");
        // Padding is 0.0 after normalization.
        int plane = 128 * 128;
        assertEquals(0.0f, result.pixels()[5 * 3 * plane + 100 * 128 + 100]);
    }

    @Test
    void exifRotatedJpegMatchesUprightImage() throws IOException {
        Path file = dir.resolve("rotated.jpg");
        Files.write(file, TestImages.jpegWithOrientation(TestImages.quadrants(200, 90), 6, false));
        PreprocessSpec spec = tokenLevel(128, 6);

        PreprocessedImage fromFile = new ImagePreprocessor(spec).preprocess(file);
        PreprocessedImage fromPixels = new ImagePreprocessor(spec).preprocess(ImageDecoder.decode(file));

        // Upright the image is 90 x 200: 3 x 6 tokens in 1 x 2 tiles.
        assertEquals(3, fromFile.tokenCols());
        assertEquals(6, fromFile.tokenRows());
        assertEquals(2, fromFile.tileRows());
        assertArrayEquals(fromPixels.pixels(), fromFile.pixels());
    }

    @Test
    void internVlAddsThumbnailOnlyForSeveralTiles() {
        PreprocessSpec spec = internVl(2);
        RgbImage small = constant(300, 200, 200, 100, 50);
        RgbImage large = constant(1200, 800, 200, 100, 50);

        PreprocessedImage one = new ImagePreprocessor(spec).preprocess(small);
        PreprocessedImage three = new ImagePreprocessor(spec).preprocess(large);

        assertEquals(1, one.tiles(), "1x1 grid, no thumbnail");
        assertEquals(256, one.visualTokens());
        assertEquals(3, three.tiles(), "2x1 grid plus thumbnail");
        assertEquals(768, three.visualTokens());
        assertEquals(2, three.tileCols());
        int plane = 448 * 448;
        int[] rgb = {200, 100, 50};
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 3; c++) {
                double expected = (rgb[c] / 255.0 - IMAGENET_MEAN[c]) / IMAGENET_STD[c];
                assertEquals(expected, three.pixels()[(t * 3 + c) * plane + 1234], 1e-5, "tile " + t + " channel " + c);
            }
        }
        assertTrue(java.util.Arrays.stream(three.patchMask()).allMatch(v -> v == 1), "no padding");
    }

    private static RgbImage constant(int width, int height, int r, int g, int b) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            pixels[i * 3] = (byte) r;
            pixels[i * 3 + 1] = (byte) g;
            pixels[i * 3 + 2] = (byte) b;
        }
        return new RgbImage(width, height, pixels);
    }

    @Test
    void hundredMegapixelImageIsDownscaledByCap() throws IOException {
        Path file = dir.resolve("huge.png");
        TestImages.writeHalvesPng(file, 10_000, 10_000);
        PreprocessSpec spec = tokenLevel(128, 6);

        PreprocessedImage result = new ImagePreprocessor(spec).preprocess(file);

        assertTrue(result.tiles() <= 6, "tiles " + result.tiles());
        assertEquals(result.resizedWidth(), result.resizedHeight(), "square stays square");
        int plane = 128 * 128;
        // Left half red: (1 - 0.5) / 0.5 = 1 in the red plane, -1 in the blue plane.
        assertEquals(1.0f, result.pixels()[10 * 128 + 5], 1e-6f, "red at the left");
        assertEquals(-1.0f, result.pixels()[2 * plane + 10 * 128 + 5], 1e-6f, "no blue at the left");
        assertTrue(ImagePreprocessor.subsampling(ImageDecoder.readHeader(file), result.resizedWidth(),
                result.resizedHeight()) > 1, "decoded with subsampling");
    }

    @Test
    void smallImagesAreNeverSubsampled() throws IOException {
        Path file = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR), "png", file.toFile());

        assertEquals(1, ImagePreprocessor.subsampling(ImageDecoder.readHeader(file), 32, 32));
    }
}
