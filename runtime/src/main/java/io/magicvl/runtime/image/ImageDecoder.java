package io.magicvl.runtime.image;

import io.magicvl.core.MagicvlException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG and JPEG files (and any other format javax.imageio reads) to 8-bit RGB with the
 * same values as Pillow's {@code Image.open(f).convert("RGB")}, with the JPEG EXIF
 * orientation applied.
 *
 * <p>8-bit PNGs without a palette or interlacing are decoded by {@link PngReader}, which
 * gives the same bytes with less work; other files go through javax.imageio. Samples are read
 * from the raster, never through {@code BufferedImage.getRGB}, because
 * that converts grey images through a linear colour space and changes their values. Palette
 * entries are used as stored; alpha is dropped without compositing, as Pillow does. Samples
 * with more than 8 bits keep their high byte, and samples with fewer bits are scaled to the
 * full 0..255 range.
 */
public final class ImageDecoder {
    private static final String PNG = "png";
    private static final int HEAD_BYTES = 33;

    private ImageDecoder() {}

    /**
     * Reads the format, stored size and orientation of {@code file} without decoding pixels.
     *
     * @throws MagicvlException (invalid input) when the file is missing, unreadable, in an
     *     unknown format, or has a zero width or height
     */
    public static ImageHeader readHeader(Path file) {
        checkExists(file);
        int[] pngSize = PngReader.size(readHead(file), HEAD_BYTES);
        if (pngSize != null) {
            return new ImageHeader(file, PNG, pngSize[0], pngSize[1], ExifOrientation.NORMAL);
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(file, input);
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (width <= 0 || height <= 0) {
                    throw zeroSize(file, width + "x" + height);
                }
                int orientation = isJpeg(format) ? readOrientation(file) : ExifOrientation.NORMAL;
                return new ImageHeader(file, format, width, height, orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Decodes the image of {@code header}, keeping every {@code subsampling}-th pixel of
     * each stored row and column (1 keeps all), and turns it upright.
     */
    public static RgbImage decode(ImageHeader header, int subsampling) {
        Path file = header.file();
        checkExists(file);
        if (subsampling == 1 && PNG.equals(header.format())) {
            RgbImage png = PngReader.decode(readAll(file));
            if (png != null) {
                return png;
            }
        }
        return decodeWithImageIo(header, subsampling);
    }

    /** Decodes like {@link #decode(ImageHeader, int)} through javax.imageio only. */
    static RgbImage decodeWithImageIo(ImageHeader header, int subsampling) {
        Path file = header.file();
        BufferedImage image;
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(file, input);
            try {
                reader.setInput(input, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                image = reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders throw unchecked exceptions on some corrupt files.
            throw unreadable(file, e);
        }
        RgbImage rgb = toRgb(file, image);
        return ExifOrientation.apply(rgb, header.orientation());
    }

    /** Decodes all of {@code file} at full resolution, upright. */
    public static RgbImage decode(Path file) {
        return decode(readHeader(file), 1);
    }

    /** Returns the first {@value #HEAD_BYTES} bytes of {@code file}, zero-padded when it is shorter. */
    private static byte[] readHead(Path file) {
        byte[] head = new byte[HEAD_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, HEAD_BYTES);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return head;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static void checkExists(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Image not found: " + file + ". Check the path.");
        }
    }

    private static ImageReader readerFor(Path file, ImageInputStream input) {
        if (input == null) {
            throw MagicvlException.invalidInput("Cannot open image " + file + " for reading.");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        if (!readers.hasNext()) {
            if (PngSize.hasZeroSide(file)) {
                throw zeroSize(file, "0");
            }
            throw MagicvlException.invalidInput("Cannot read image " + file
                    + ": not a PNG or JPEG file (or another format javax.imageio reads). Convert it to PNG.");
        }
        return readers.next();
    }

    private static int readOrientation(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ExifOrientation.read(new java.io.BufferedInputStream(in));
        }
    }

    private static boolean isJpeg(String format) {
        return format.equals("jpeg") || format.equals("jpg");
    }

    private static MagicvlException unreadable(Path file, Exception cause) {
        if (PngSize.hasZeroSide(file)) {
            return zeroSize(file, PngSize.describe(file));
        }
        return MagicvlException.invalidInput(
                "Cannot read image " + file + ": " + cause.getMessage() + ". The file is damaged or truncated.", cause);
    }

    private static MagicvlException zeroSize(Path file, String size) {
        return MagicvlException.invalidInput(
                "Image " + file + " has zero size (" + size + " pixels). Use an image with at least one pixel.");
    }

    private static RgbImage toRgb(Path file, BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel colorModel = image.getColorModel();
        int bands = raster.getNumBands();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        int[] row = new int[width * bands];
        if (colorModel instanceof IndexColorModel palette) {
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    int argb = palette.getRGB(row[x]);
                    int o = (y * width + x) * 3;
                    out[o] = (byte) (argb >> 16);
                    out[o + 1] = (byte) (argb >> 8);
                    out[o + 2] = (byte) argb;
                }
            }
            return new RgbImage(width, height, out);
        }
        int bits = raster.getSampleModel().getSampleSize(0);
        if (bands != 1 && bands != 2 && bands < 3) {
            throw MagicvlException.invalidInput("Cannot read image " + file + ": unsupported layout with "
                    + bands + " bands. Convert it to an RGB PNG.");
        }
        boolean grey = bands <= 2;
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                int p = x * bands;
                if (grey) {
                    byte v = (byte) to8Bits(row[p], bits);
                    out[o] = v;
                    out[o + 1] = v;
                    out[o + 2] = v;
                } else {
                    out[o] = (byte) to8Bits(row[p], bits);
                    out[o + 1] = (byte) to8Bits(row[p + 1], bits);
                    out[o + 2] = (byte) to8Bits(row[p + 2], bits);
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    private static int to8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return sample * 255 / ((1 << bits) - 1);
    }
}
