package io.magicvl.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.magicvl.core.testing.TestPaths;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks that the direct PNG path gives the same bytes as the javax.imageio path. */
class PngReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_INT_RGB, -1})
    void matchesImageIoOnRandomImages(int type) throws IOException {
        Random random = new Random(type);
        for (int i = 0; i < 6; i++) {
            int width = 1 + random.nextInt(300);
            int height = 1 + random.nextInt(120);
            Path file = dir.resolve("random-" + i + ".png");
            ImageIO.write(randomImage(type, width, height, random, i % 2 == 0), "png", file.toFile());
            assertSameAsImageIo(file, true);
        }
    }

    @Test
    void matchesImageIoOnNanoBenchImages() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TestPaths.examples().resolve("nano-bench"))) {
            files = walk.filter(p -> p.toString().endsWith(".png")).sorted().limit(40).collect(Collectors.toList());
        }
        assertEquals(40, files.size());
        for (Path file : files) {
            assertSameAsImageIo(file, true);
        }
    }

    @Test
    void leavesPalettePngToImageIo() throws IOException {
        Path file = dir.resolve("palette.png");
        BufferedImage image = new BufferedImage(17, 9, BufferedImage.TYPE_BYTE_INDEXED);
        image.getGraphics().fillRect(2, 2, 5, 5);
        ImageIO.write(image, "png", file.toFile());
        assertNull(PngReader.decode(Files.readAllBytes(file)));
        assertSameAsImageIo(file, false);
    }

    @Test
    void leavesTruncatedPngToImageIo() throws IOException {
        Path file = dir.resolve("full.png");
        ImageIO.write(randomImage(BufferedImage.TYPE_3BYTE_BGR, 64, 64, new Random(3), false), "png", file.toFile());
        byte[] bytes = Files.readAllBytes(file);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertNull(PngReader.decode(truncated));
    }

    private static void assertSameAsImageIo(Path file, boolean direct) {
        ImageHeader header = ImageDecoder.readHeader(file);
        RgbImage expected = ImageDecoder.decodeWithImageIo(header, 1);
        RgbImage actual = ImageDecoder.decode(header, 1);
        if (direct) {
            assertNotNull(PngReader.decode(readAll(file)), file.toString());
        }
        assertEquals(expected.width(), actual.width(), file.toString());
        assertEquals(expected.height(), actual.height(), file.toString());
        assertArrayEquals(expected.pixels(), actual.pixels(), file.toString());
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Returns noise or smooth gradients (which make the PNG writer pick different filters). */
    private static BufferedImage randomImage(int type, int width, int height, Random random, boolean smooth) {
        BufferedImage image;
        if (type == -1) {
            // Grey with alpha: javax.imageio writes it as PNG colour type 4.
            ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                    Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
            WritableRaster raster = model.createCompatibleWritableRaster(width, height);
            image = new BufferedImage(model, raster, false, null);
        } else {
            image = new BufferedImage(width, height, type);
        }
        WritableRaster raster = image.getRaster();
        int bands = raster.getNumBands();
        int[] pixel = new int[bands];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int b = 0; b < bands; b++) {
                    int max = 1 << raster.getSampleModel().getSampleSize(b);
                    pixel[b] = smooth ? (x * (b + 1) + y * 3 + random.nextInt(3)) % max : random.nextInt(max);
                }
                raster.setPixel(x, y, pixel);
            }
        }
        return image;
    }
}
