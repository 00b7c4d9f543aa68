package io.magicvl.runtime.image;

import java.nio.file.Path;

/**
 * The header of an image file, read before its pixels are decoded: the format, the stored
 * size and the EXIF orientation. {@link #width()} and {@link #height()} are the upright size,
 * after the orientation is applied.
 */
public record ImageHeader(Path file, String format, int storedWidth, int storedHeight, int orientation) {

    /** Returns the width of the upright image in pixels. */
    public int width() {
        return ExifOrientation.swapsSides(orientation) ? storedHeight : storedWidth;
    }

    /** Returns the height of the upright image in pixels. */
    public int height() {
        return ExifOrientation.swapsSides(orientation) ? storedWidth : storedHeight;
    }
}
