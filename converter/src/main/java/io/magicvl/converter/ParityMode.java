package io.magicvl.converter;

import io.magicvl.core.MagicvlException;
import java.util.Locale;

/**
 * How much parity checking a conversion runs.
 *
 * <p>{@link #FULL} runs every graph at full depth on the parity inputs. {@link #QUICK} does the
 * same for models whose decoder has at most {@link #QUICK_FULL_DEPTH_LIMIT} parameters in its
 * layers; for larger models it exports and checks truncated-depth copies (the first
 * {@code quick_layers} layers of the vision tower and the decoder, with the same weights and
 * the same code path) so the check fits in minutes and in bounded memory. {@link #OFF} skips it.
 */
public enum ParityMode {
    FULL,
    QUICK,
    OFF;

    /** Decoder-layer parameter count up to which quick mode checks at full depth. */
    public static final long QUICK_FULL_DEPTH_LIMIT = 100_000_000L;

    /**
     * Parses {@code full}, {@code quick} or {@code off} (case-insensitive).
     *
     * @throws MagicvlException (invalid input) naming the value and the accepted ones
     */
    public static ParityMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MagicvlException.invalidInput("Invalid parity mode '" + text + "'. Use full, quick or off.");
        }
    }
}
