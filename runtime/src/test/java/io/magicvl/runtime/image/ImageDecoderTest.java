package io.magicvl.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDecoderTest {
    @TempDir
    Path dir;

    /** Upright quadrant colours (top left, top right, bottom left, bottom right) per orientation. */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, FF0000, 00FF00, 0000FF, FFFFFF",
        "2, 00FF00, FF0000, FFFFFF, 0000FF",
        "3, FFFFFF, 0000FF, 00FF00, FF0000",
        "4, 0000FF, FFFFFF, FF0000, 00FF00",
        "5, FF0000, 0000FF, 00FF00, FFFFFF",
        "6, 0000FF, FF0000, FFFFFF, 00FF00",
        "7, FFFFFF, 00FF00, 0000FF, FF0000",
        "8, 00FF00, FFFFFF, FF0000, 0000FF"
    })
    void exifOrientationTurnsJpegUpright(int orientation, String tl, String tr, String bl, String br) throws IOException {
        Path file = dir.resolve("o" + orientation + ".jpg");
        Files.write(file, TestImages.jpegWithOrientation(TestImages.quadrants(64, 32), orientation, orientation % 2 == 0));

        ImageHeader header = ImageDecoder.readHeader(file);
        RgbImage image = ImageDecoder.decode(header, 1);

        assertEquals(orientation, header.orientation(), "orientation tag");
        boolean swapped = orientation >= 5;
        assertEquals(swapped ? 32 : 64, image.width(), "width");
        assertEquals(swapped ? 64 : 32, image.height(), "height");
        int w = image.width();
        int h = image.height();
        assertColor(Integer.parseInt(tl, 16), image, w / 4, h / 4);
        assertColor(Integer.parseInt(tr, 16), image, 3 * w / 4, h / 4);
        assertColor(Integer.parseInt(bl, 16), image, w / 4, 3 * h / 4);
        assertColor(Integer.parseInt(br, 16), image, 3 * w / 4, 3 * h / 4);
    }

    private static void assertColor(int expected, RgbImage image, int x, int y) {
        for (int c = 0; c < 3; c++) {
            int want = (expected >> (16 - 8 * c)) & 0xFF;
            int got = image.get(x, y, c);
            // JPEG is lossy: flat areas stay within a few steps of the source colour.
            assertTrue(Math.abs(want - got) <= 8,
                    "channel " + c + " at (" + x + "," + y + "): expected " + want + ", got " + got);
        }
    }

    @Test
    void pngWithoutExifKeepsOrientation() throws IOException {
        Path file = dir.resolve("plain.png");
        ImageIO.write(TestImages.quadrants(20, 10), "png", file.toFile());

        RgbImage image = ImageDecoder.decode(file);

        assertEquals(20, image.width());
        assertEquals(10, image.height());
        assertEquals(255, image.get(0, 0, 0), "red top left");
        assertEquals(255, image.get(19, 9, 1), "white bottom right");
    }

    @Test
    void greyPngKeepsValues() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 10);
        grey.getRaster().setSample(1, 0, 0, 128);
        grey.getRaster().setSample(2, 0, 0, 250);
        Path file = dir.resolve("grey.png");
        ImageIO.write(grey, "png", file.toFile());

        RgbImage image = ImageDecoder.decode(file);

        assertEquals(10, image.get(0, 0, 0));
        assertEquals(128, image.get(1, 0, 1));
        assertEquals(250, image.get(2, 0, 2));
    }

    @Test
    void missingFileIsRejected() {
        Path file = dir.resolve("absent.png");

        MagicvlException error = assertThrows(MagicvlException.class, () -> ImageDecoder.readHeader(file));

        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void unreadableFileIsRejected() throws IOException {
        Path file = dir.resolve("notes.png");
        Files.writeString(file, "this is not an image");

        MagicvlException error = assertThrows(MagicvlException.class, () -> ImageDecoder.readHeader(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("Cannot read image"), error.getMessage());
    }

    @Test
    void truncatedPngIsRejected() throws IOException {
        Path whole = dir.resolve("whole.png");
        ImageIO.write(TestImages.quadrants(64, 64), "png", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path file = dir.resolve("truncated.png");
        Files.write(file, java.util.Arrays.copyOf(bytes, 60));

        MagicvlException error = assertThrows(MagicvlException.class, () -> ImageDecoder.decode(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void zeroSizePngIsRejected() throws IOException {
        Path file = dir.resolve("empty.png");
        TestImages.writeEmptyPng(file, 0, 16);

        MagicvlException error = assertThrows(MagicvlException.class, () -> ImageDecoder.readHeader(file));

        assertTrue(error.getMessage().contains("zero size (0x16"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }
}
