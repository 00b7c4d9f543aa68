package io.magicvl.runtime.image;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the common PNG layouts straight into {@link RgbImage} bytes: 8-bit grey, grey with
 * alpha, RGB and RGBA, not interlaced. This skips javax.imageio's reader lookup, its
 * {@code BufferedImage} and the per-row sample copies, which cost more than the pixels on
 * small images.
 *
 * <p>PNG is lossless, so the values are the stored samples, as in
 * {@link ImageDecoder}'s general path: grey is repeated on the three channels and alpha is
 * dropped without compositing. Any other layout, and any file this class cannot parse, gives
 * null, and the caller falls back to the general path (which also reports damaged files).
 */
final class PngReader {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int HEADER_BYTES = 33;

    private PngReader() {}

    /**
     * Returns {width, height} when {@code head} (at least the first 33 bytes of a file) starts a
     * PNG this class decodes, else null.
     */
    static int[] size(byte[] head, int length) {
        if (length < HEADER_BYTES) {
            return null;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head[i] != SIGNATURE[i]) {
                return null;
            }
        }
        if (readInt(head, 8) != 13 || readInt(head, 12) != IHDR) {
            return null;
        }
        int width = readInt(head, 16);
        int height = readInt(head, 20);
        int bitDepth = head[24];
        int channels = channels(head[25]);
        int compression = head[26];
        int filter = head[27];
        int interlace = head[28];
        if (width <= 0 || height <= 0 || bitDepth != 8 || channels == 0 || compression != 0 || filter != 0
                || interlace != 0 || (long) width * height > Integer.MAX_VALUE / 4) {
            return null;
        }
        return new int[] {width, height};
    }

    /** Returns the decoded image of the PNG file contents {@code data}, or null (see the class). */
    static RgbImage decode(byte[] data) {
        int[] size = size(data, data.length);
        if (size == null) {
            return null;
        }
        int width = size[0];
        int height = size[1];
        int channels = channels(data[25]);
        int stride = width * channels;
        byte[] raw = new byte[(stride + 1) * height];
        if (!inflate(data, raw)) {
            return null;
        }
        byte[] rgb = unfilter(raw, width, height, channels);
        return rgb == null ? null : new RgbImage(width, height, rgb);
    }

    private static int readInt(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 24 | (data[offset + 1] & 0xFF) << 16 | (data[offset + 2] & 0xFF) << 8
                | (data[offset + 3] & 0xFF);
    }

    private static int channels(byte colorType) {
        switch (colorType) {
            case 0:
                return 1;
            case 2:
                return 3;
            case 4:
                return 2;
            case 6:
                return 4;
            default:
                return 0; // palette and unknown types go through javax.imageio
        }
    }

    /** Inflates the concatenated IDAT chunks into {@code out}; false unless it fills exactly. */
    private static boolean inflate(byte[] data, byte[] out) {
        Inflater inflater = new Inflater();
        try {
            int written = 0;
            int pos = SIGNATURE.length;
            while (pos + 8 <= data.length) {
                int length = readInt(data, pos);
                int type = readInt(data, pos + 4);
                int start = pos + 8;
                if (length < 0 || start + (long) length + 4 > data.length) {
                    return false;
                }
                if (type == IDAT && !inflater.finished()) {
                    inflater.setInput(data, start, length);
                    while (!inflater.needsInput() && !inflater.finished()) {
                        int n = inflater.inflate(out, written, out.length - written);
                        written += n;
                        if (n == 0 && (written == out.length || inflater.needsDictionary())) {
                            break;
                        }
                    }
                } else if (type == IEND) {
                    break;
                }
                pos = start + length + 4;
            }
            return written == out.length;
        } catch (DataFormatException e) {
            return false;
        } finally {
            inflater.end();
        }
    }

    /** Reverses the per-row filters of {@code raw} and returns interleaved 8-bit RGB, or null for an unknown filter. */
    private static byte[] unfilter(byte[] raw, int width, int height, int channels) {
        int stride = width * channels;
        byte[] previous = new byte[stride];
        byte[] row = new byte[stride];
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int in = y * (stride + 1);
            int filter = raw[in];
            System.arraycopy(raw, in + 1, row, 0, stride);
            switch (filter) {
                case 0:
                    break;
                case 1:
                    for (int i = channels; i < stride; i++) {
                        row[i] += row[i - channels];
                    }
                    break;
                case 2:
                    for (int i = 0; i < stride; i++) {
                        row[i] += previous[i];
                    }
                    break;
                case 3:
                    for (int i = 0; i < stride; i++) {
                        int left = i >= channels ? row[i - channels] & 0xFF : 0;
                        row[i] += (byte) ((left + (previous[i] & 0xFF)) >>> 1);
                    }
                    break;
                case 4:
                    for (int i = 0; i < stride; i++) {
                        int left = i >= channels ? row[i - channels] & 0xFF : 0;
                        int upLeft = i >= channels ? previous[i - channels] & 0xFF : 0;
                        row[i] += (byte) paeth(left, previous[i] & 0xFF, upLeft);
                    }
                    break;
                default:
                    return null;
            }
            toRgb(row, out, y * width * 3, width, channels);
            byte[] swap = previous;
            previous = row;
            row = swap;
        }
        return out;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    private static void toRgb(byte[] row, byte[] out, int offset, int width, int channels) {
        if (channels == 3) {
            System.arraycopy(row, 0, out, offset, width * 3);
            return;
        }
        for (int x = 0, o = offset; x < width; x++, o += 3) {
            int p = x * channels;
            if (channels <= 2) {
                byte v = row[p];
                out[o] = v;
                out[o + 1] = v;
                out[o + 2] = v;
            } else {
                out[o] = row[p];
                out[o + 1] = row[p + 1];
                out[o + 2] = row[p + 2];
            }
        }
    }
}
