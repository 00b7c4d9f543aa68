package io.magicvl.core.tensor;

import java.util.Arrays;

/**
 * Bit-exact conversions between {@code float} and the 16- and 8-bit floating-point formats of
 * safetensors. Java 17 has no {@code Float.float16ToFloat}, so these are written out; every
 * encoder rounds to nearest, ties to even.
 */
public final class HalfFloats {
    private static final float[] E4M3_VALUES = positiveValues(DType.F8_E4M3, 0x7F);
    private static final float[] E5M2_VALUES = positiveValues(DType.F8_E5M2, 0x7C);
    /** Smallest magnitude that rounds to infinity in F8_E5M2: halfway between 57344 and 65536. */
    private static final float E5M2_OVERFLOW = 61440f;
    /** Magnitudes above this round past 448, the largest float8_e4m3fn value, to the NaN code. */
    private static final float E4M3_OVERFLOW = 464f;

    private HalfFloats() {}

    /** Converts IEEE binary16 bits to float (exact, including subnormals, infinities and NaN). */
    public static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign != 0 ? -value : value;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Converts float to IEEE binary16 bits; magnitudes of 65520 and above become infinity. */
    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFF_FFFF;
        if (abs >= 0x7F80_0000) {
            if (abs > 0x7F80_0000) {
                return (short) (sign | 0x7E00 | ((abs >>> 13) & 0x3FF));
            }
            return (short) (sign | 0x7C00);
        }
        if (abs >= 0x477F_F000) {
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x3880_0000) {
            // Below the smallest normal half (2^-14): scale to units of 2^-24, which is exact.
            int mantissa = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f);
            return (short) (sign | mantissa);
        }
        int exponent = (abs >>> 23) - 127 + 15;
        int half = (exponent << 10) | ((abs >>> 13) & 0x3FF);
        int rest = abs & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }

    /** Converts float to bfloat16 bits, keeping NaN a (quiet) NaN. */
    public static short floatToBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    /** Decodes a float8_e4m3fn byte. */
    public static float e4m3ToFloat(byte code) {
        int b = code & 0xFF;
        int exponent = (b >>> 3) & 0xF;
        int mantissa = b & 0x7;
        float magnitude;
        if (exponent == 0xF && mantissa == 0x7) {
            magnitude = Float.NaN;
        } else if (exponent == 0) {
            magnitude = mantissa * 0x1p-9f;
        } else {
            magnitude = (1f + mantissa / 8f) * (float) Math.scalb(1.0, exponent - 7);
        }
        return (b & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** Decodes a float8_e5m2 byte, which is the upper byte of a binary16 value. */
    public static float e5m2ToFloat(byte code) {
        return halfToFloat((short) ((code & 0xFF) << 8));
    }

    /** Encodes float8_e4m3fn; NaN, infinities and magnitudes above 464 become NaN, as in torch. */
    public static byte floatToE4m3(float value) {
        int sign = Float.floatToRawIntBits(value) < 0 ? 0x80 : 0;
        float abs = Math.abs(value);
        if (Float.isNaN(abs) || abs > E4M3_OVERFLOW) {
            return (byte) (sign | 0x7F);
        }
        return (byte) (sign | nearestCode(E4M3_VALUES, abs));
    }

    /** Encodes float8_e5m2; magnitudes of 61440 and above become infinity. */
    public static byte floatToE5m2(float value) {
        int sign = Float.floatToRawIntBits(value) < 0 ? 0x80 : 0;
        float abs = Math.abs(value);
        if (Float.isNaN(abs)) {
            return (byte) (sign | 0x7E);
        }
        if (abs >= E5M2_OVERFLOW) {
            return (byte) (sign | 0x7C);
        }
        return (byte) (sign | nearestCode(E5M2_VALUES, abs));
    }

    /** Returns the code whose value is nearest to {@code abs}; a tie goes to the even code. */
    private static int nearestCode(float[] values, float abs) {
        int found = Arrays.binarySearch(values, abs);
        if (found >= 0) {
            return found;
        }
        int above = -found - 1;
        if (above >= values.length) {
            return values.length - 1;
        }
        int below = above - 1;
        float downDistance = abs - values[below];
        float upDistance = values[above] - abs;
        if (downDistance < upDistance) {
            return below;
        }
        if (upDistance < downDistance) {
            return above;
        }
        return (below & 1) == 0 ? below : above;
    }

    /** The finite non-negative values of codes 0..count-1, which increase with the code. */
    private static float[] positiveValues(DType type, int count) {
        float[] values = new float[count];
        for (int code = 0; code < count; code++) {
            values[code] = type == DType.F8_E4M3 ? e4m3ToFloat((byte) code) : e5m2ToFloat((byte) code);
        }
        return values;
    }
}
