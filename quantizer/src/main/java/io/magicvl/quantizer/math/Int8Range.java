package io.magicvl.quantizer.math;

import java.util.Locale;

/**
 * The integer range of symmetric int8 weights.
 *
 * <p>ONNX Runtime's integer kernels on x86 CPUs without VNNI multiply u8 activations by s8
 * weights with an instruction that adds pairs of products into a saturating int16. With
 * full-range weights (|w| up to 127) and activations up to 255 a pair reaches 64 770 and
 * saturates, so {@link #FULL} gives wrong results there. {@link #REDUCED} (|w| <= 63) and
 * {@link #UNSIGNED} (u8 with zero point 128, which those kernels handle as u8 x u8) do not.
 */
public enum Int8Range {
    /** Signed, levels -63 .. 63 (7 bits): safe with every kernel. */
    REDUCED(63, 0, true),
    /** Unsigned, levels 1 .. 255 with zero point 128: safe with every kernel. */
    UNSIGNED(127, 128, false),
    /** Signed, levels -127 .. 127: wrong with integer kernels on CPUs without VNNI. */
    FULL(127, 0, true);

    private final int maxLevel;
    private final int zeroPoint;
    private final boolean signed;

    Int8Range(int maxLevel, int zeroPoint, boolean signed) {
        this.maxLevel = maxLevel;
        this.zeroPoint = zeroPoint;
        this.signed = signed;
    }

    /** Returns the largest magnitude of a level around the zero point. */
    public int maxLevel() {
        return maxLevel;
    }

    /** Returns the stored value that means 0.0. */
    public int zeroPoint() {
        return zeroPoint;
    }

    /** Returns whether values are stored as int8 (true) or uint8 (false). */
    public boolean signed() {
        return signed;
    }

    /** Returns the recipe spelling, for example {@code reduced}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
