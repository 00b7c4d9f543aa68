package io.magicvl.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Compares the resizer with a plain per-pixel version of the same two passes. */
class BicubicResizerTest {
    private static final int PRECISION_BITS = 22;

    @Test
    void matchesPerPixelPassesOnRandomImages() {
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            int width = 1 + random.nextInt(200);
            int height = 1 + random.nextInt(200);
            int outWidth = i % 3 == 0 ? width : 1 + random.nextInt(300);
            int outHeight = i % 5 == 0 ? height : 1 + random.nextInt(300);
            byte[] pixels = new byte[width * height * 3];
            random.nextBytes(pixels);
            RgbImage image = new RgbImage(width, height, pixels);

            RgbImage actual = BicubicResizer.resize(image, outWidth, outHeight);
            RgbImage expected = perPixel(image, outWidth, outHeight);

            String size = width + "x" + height + " -> " + outWidth + "x" + outHeight;
            assertEquals(outWidth, actual.width(), size);
            assertEquals(outHeight, actual.height(), size);
            assertArrayEquals(expected.pixels(), actual.pixels(), size);
        }
    }

    @Test
    void sameSizeReturnsInput() {
        RgbImage image = new RgbImage(3, 2, new byte[18]);

        assertSame(image, BicubicResizer.resize(image, 3, 2));
    }

    /** Runs the horizontal pass on every row, then the vertical pass, one output pixel at a time. */
    private static RgbImage perPixel(RgbImage image, int outWidth, int outHeight) {
        RgbImage source = image;
        if (outWidth != image.width()) {
            BicubicResizer.Coefficients k = BicubicResizer.Coefficients.compute(image.width(), outWidth);
            byte[] out = new byte[outWidth * image.height() * 3];
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < outWidth; x++) {
                    for (int c = 0; c < 3; c++) {
                        int sum = 1 << (PRECISION_BITS - 1);
                        for (int i = 0; i < k.bounds[x * 2 + 1]; i++) {
                            sum += image.get(k.bounds[x * 2] + i, y, c) * k.weights[x * k.size + i];
                        }
                        out[(y * outWidth + x) * 3 + c] = clip(sum);
                    }
                }
            }
            source = new RgbImage(outWidth, image.height(), out);
        }
        if (outHeight == image.height()) {
            return source;
        }
        BicubicResizer.Coefficients k = BicubicResizer.Coefficients.compute(image.height(), outHeight);
        byte[] out = new byte[outWidth * outHeight * 3];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int i = 0; i < k.bounds[y * 2 + 1]; i++) {
                        sum += source.get(x, k.bounds[y * 2] + i, c) * k.weights[y * k.size + i];
                    }
                    out[(y * outWidth + x) * 3 + c] = clip(sum);
                }
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }

    private static byte clip(int value) {
        if (value >= 1 << PRECISION_BITS << 8) {
            return (byte) 255;
        }
        if (value <= 0) {
            return 0;
        }
        return (byte) (value >> PRECISION_BITS);
    }
}
