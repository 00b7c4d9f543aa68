package io.magicvl.runtime.image;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the EXIF orientation tag (0x0112) of a JPEG file and applies it to decoded pixels.
 *
 * <p>Only the JPEG marker segments before the first scan are read. The APP1 segment that
 * starts with {@code "Exif\0\0"} contains a TIFF header whose first image file directory (IFD0)
 * may carry the tag. Values 1 to 8 follow the EXIF 2.3 specification; anything else, a
 * missing tag or a malformed segment counts as 1 (no change), as image viewers do.
 */
public final class ExifOrientation {
    /** The orientation that needs no change. */
    public static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TIFF_TYPE_SHORT = 3;

    private ExifOrientation() {}

    /**
     * Reads the orientation of the JPEG stream {@code in}, positioned at its first byte.
     * Returns {@link #NORMAL} when the stream is not a JPEG or has no orientation tag.
     */
    public static int read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            if (data.readUnsignedShort() != 0xFFD8) {
                return NORMAL;
            }
            while (true) {
                int marker = data.readUnsignedShort();
                while (marker == 0xFFFF) {
                    // Fill bytes before a marker: keep the last 0xFF.
                    marker = 0xFF00 | data.readUnsignedByte();
                }
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    return NORMAL;
                }
                int length = data.readUnsignedShort();
                if (length < 2) {
                    return NORMAL;
                }
                byte[] segment = new byte[length - 2];
                data.readFully(segment);
                if (marker == 0xFFE1 && isExif(segment)) {
                    return parseTiff(segment, 6);
                }
            }
        } catch (EOFException e) {
            return NORMAL;
        }
    }

    private static boolean isExif(byte[] segment) {
        return segment.length >= 14
                && segment[0] == 'E' && segment[1] == 'x' && segment[2] == 'i' && segment[3] == 'f'
                && segment[4] == 0 && segment[5] == 0;
    }

    private static int parseTiff(byte[] segment, int tiffStart) {
        ByteBuffer tiff = ByteBuffer.wrap(segment, tiffStart, segment.length - tiffStart).slice();
        if (tiff.get(0) == 'I' && tiff.get(1) == 'I') {
            tiff.order(ByteOrder.LITTLE_ENDIAN);
        } else if (tiff.get(0) == 'M' && tiff.get(1) == 'M') {
            tiff.order(ByteOrder.BIG_ENDIAN);
        } else {
            return NORMAL;
        }
        long ifdOffset = Integer.toUnsignedLong(tiff.getInt(4));
        if (ifdOffset + 2 > tiff.limit()) {
            return NORMAL;
        }
        int entries = Short.toUnsignedInt(tiff.getShort((int) ifdOffset));
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifdOffset + 2 + i * 12;
            if (entry + 12 > tiff.limit()) {
                return NORMAL;
            }
            if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG
                    && Short.toUnsignedInt(tiff.getShort(entry + 2)) == TIFF_TYPE_SHORT) {
                int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    /** Returns whether {@code orientation} swaps width and height (values 5 to 8). */
    public static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * Returns {@code image} turned upright for {@code orientation}, the same transposition as
     * Pillow's {@code ImageOps.exif_transpose}: 2 mirror, 3 rotate 180 degrees, 4 flip, 5
     * transpose, 6 rotate 90 degrees clockwise, 7 transverse, 8 rotate 90 degrees
     * counter-clockwise.
     */
    public static RgbImage apply(RgbImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = swapsSides(orientation);
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] src = image.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                int from = (sy * w + sx) * 3;
                int to = (y * outW + x) * 3;
                out[to] = src[from];
                out[to + 1] = src[from + 1];
                out[to + 2] = src[from + 2];
            }
        }
        return new RgbImage(outW, outH, out);
    }
}
