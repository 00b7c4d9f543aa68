package io.magicvl.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the width and height from a PNG file's IHDR chunk, so that a PNG declaring a zero
 * side gets a clear error instead of the decoder's generic one.
 */
final class PngSize {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngSize() {}

    /** Returns {width, height} from the IHDR chunk, or null when {@code file} is not a PNG. */
    static long[] read(Path file) {
        byte[] head = new byte[24];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head[i] != SIGNATURE[i]) {
                return null;
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(head);
        if (buffer.getInt(12) != 0x49484452) { // "IHDR"
            return null;
        }
        return new long[] {Integer.toUnsignedLong(buffer.getInt(16)), Integer.toUnsignedLong(buffer.getInt(20))};
    }

    static boolean hasZeroSide(Path file) {
        long[] size = read(file);
        return size != null && (size[0] == 0 || size[1] == 0);
    }

    static String describe(Path file) {
        long[] size = read(file);
        return size == null ? "unknown" : size[0] + "x" + size[1];
    }
}
