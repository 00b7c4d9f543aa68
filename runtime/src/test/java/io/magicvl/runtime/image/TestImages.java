package io.magicvl.runtime.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Writes the images the tests need: quadrant patterns, EXIF-tagged JPEGs and raw PNGs. */
public final class TestImages {
    public static final int RED = 0xFF0000;
    public static final int GREEN = 0x00FF00;
    public static final int BLUE = 0x0000FF;
    public static final int WHITE = 0xFFFFFF;

    private TestImages() {}

    /** Returns an image whose quadrants are red (top left), green, blue and white (bottom right). */
    public static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean right = x >= width / 2;
                boolean bottom = y >= height / 2;
                int rgb;
                if (bottom) {
                    rgb = right ? WHITE : BLUE;
                } else {
                    rgb = right ? GREEN : RED;
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** Encodes {@code image} as JPEG with an EXIF APP1 segment carrying {@code orientation}. */
    public static byte[] jpegWithOrientation(BufferedImage image, int orientation, boolean bigEndian) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        byte[] plain = jpeg.toByteArray();

        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(tiff);
        out.write(bigEndian ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'});
        writeShort(out, 42, bigEndian);
        writeInt(out, 8, bigEndian);
        writeShort(out, 2, bigEndian); // entries
        // An unrelated tag first (ImageDescription offset), then the orientation.
        writeShort(out, 0x010E, bigEndian);
        writeShort(out, 2, bigEndian);
        writeInt(out, 1, bigEndian);
        writeInt(out, 0, bigEndian);
        writeShort(out, 0x0112, bigEndian);
        writeShort(out, 3, bigEndian);
        writeInt(out, 1, bigEndian);
        writeShort(out, orientation, bigEndian);
        writeShort(out, 0, bigEndian);
        writeInt(out, 0, bigEndian); // no next IFD
        byte[] tiffBytes = tiff.toByteArray();

        ByteArrayOutputStream result = new ByteArrayOutputStream();
        result.write(plain, 0, 2); // SOI
        result.write(0xFF);
        result.write(0xE1);
        int length = 2 + 6 + tiffBytes.length;
        result.write(length >> 8);
        result.write(length & 0xFF);
        result.write("Exif".getBytes(StandardCharsets.US_ASCII));
        result.write(0);
        result.write(0);
        result.write(tiffBytes);
        result.write(plain, 2, plain.length - 2);
        return result.toByteArray();
    }

    private static void writeShort(DataOutputStream out, int value, boolean bigEndian) throws IOException {
        if (bigEndian) {
            out.writeShort(value);
        } else {
            out.write(value & 0xFF);
            out.write((value >> 8) & 0xFF);
        }
    }

    private static void writeInt(DataOutputStream out, int value, boolean bigEndian) throws IOException {
        if (bigEndian) {
            out.writeInt(value);
        } else {
            out.writeInt(Integer.reverseBytes(value));
        }
    }

    /**
     * Writes an 8-bit RGB PNG of {@code width} x {@code height} row by row, without holding
     * the image in memory: the left half red and the right half blue.
     */
    public static void writeHalvesPng(Path file, int width, int height) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(ihdr);
            header.writeInt(width);
            header.writeInt(height);
            header.write(new byte[] {8, 2, 0, 0, 0});
            writeChunk(out, "IHDR", ihdr.toByteArray());

            byte[] row = new byte[1 + width * 3];
            for (int x = 0; x < width; x++) {
                row[1 + x * 3] = (byte) (x < width / 2 ? 255 : 0);
                row[1 + x * 3 + 2] = (byte) (x < width / 2 ? 0 : 255);
            }
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate =
                    new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
                for (int y = 0; y < height; y++) {
                    deflate.write(row);
                }
            }
            writeChunk(out, "IDAT", compressed.toByteArray());
            writeChunk(out, "IEND", new byte[0]);
        }
    }

    /** Writes a PNG whose header declares {@code width} x {@code height} and contains no pixels. */
    public static void writeEmptyPng(Path file, int width, int height) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(ihdr);
            header.writeInt(width);
            header.writeInt(height);
            header.write(new byte[] {8, 2, 0, 0, 0});
            writeChunk(out, "IHDR", ihdr.toByteArray());
            writeChunk(out, "IEND", new byte[0]);
        }
    }

    private static void writeChunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream chunk = new DataOutputStream(out);
        chunk.writeInt(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        chunk.write(typeBytes);
        chunk.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        chunk.writeInt((int) crc.getValue());
    }
}
