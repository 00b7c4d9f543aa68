package io.magicvl.device.profile;

import io.magicvl.core.MagicvlException;

/** An image size written {@code WIDTHxHEIGHT} in pixels. */
public record ImageSize(int width, int height) {

    /** Parses {@code 384x384}; errors name {@code where}. */
    public static ImageSize parse(String text, String where) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int width = Integer.parseInt(parts[0].strip());
                int height = Integer.parseInt(parts[1].strip());
                if (width > 0 && height > 0 && width <= 16384 && height <= 16384) {
                    return new ImageSize(width, height);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MagicvlException.invalidInput(where + ": invalid image size '" + text
                + "'; expected WIDTHxHEIGHT in pixels (1..16384), e.g. 384x384.");
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
