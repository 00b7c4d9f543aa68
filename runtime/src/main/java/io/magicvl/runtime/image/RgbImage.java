package io.magicvl.runtime.image;

/**
 * An 8-bit RGB image stored row-major with interleaved channels: the byte at
 * {@code (y * width + x) * 3 + c} is channel {@code c} (0 red, 1 green, 2 blue) of pixel
 * {@code (x, y)}, read as unsigned.
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != (long) width * height * 3) {
            throw new IllegalArgumentException("Expected " + (long) width * height * 3 + " bytes for a "
                    + width + "x" + height + " RGB image, got " + pixels.length);
        }
    }

    /** Returns channel {@code c} of pixel {@code (x, y)} as an unsigned value in [0, 255]. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }
}
