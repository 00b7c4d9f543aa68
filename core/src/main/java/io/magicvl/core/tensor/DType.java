package io.magicvl.core.tensor;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Element types of safetensors files, with their bit width and conversion to and from
 * {@code float}.
 *
 * <p>Decoding reads one element at an absolute byte index of a little-endian {@link
 * ByteBuffer}; it never relies on alignment. Integer and boolean types decode to their
 * numeric value (booleans to 0 or 1), which may round for integers above 2^24.
 */
public enum DType {
    F64("F64", 64, true),
    F32("F32", 32, true),
    F16("F16", 16, true),
    BF16("BF16", 16, true),
    /** torch {@code float8_e4m3fn}: bias 7, no infinities, NaN only at S.1111.111, max 448. */
    F8_E4M3("F8_E4M3", 8, true),
    /** torch {@code float8_e5m2}: bias 15, IEEE-like infinities and NaNs, max 57344. */
    F8_E5M2("F8_E5M2", 8, true),
    I64("I64", 64, false),
    I32("I32", 32, false),
    I16("I16", 16, false),
    I8("I8", 8, false),
    U64("U64", 64, false),
    U32("U32", 32, false),
    U16("U16", 16, false),
    U8("U8", 8, false),
    /** One byte per element, 0 or 1. */
    BOOL("BOOL", 8, false);

    private final String safetensorsName;
    private final int bits;
    private final boolean floatingPoint;

    DType(String safetensorsName, int bits, boolean floatingPoint) {
        this.safetensorsName = safetensorsName;
        this.bits = bits;
        this.floatingPoint = floatingPoint;
    }

    /** Returns the dtype string used in safetensors headers, for example {@code BF16}. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** Returns the element width in bits. */
    public int bits() {
        return bits;
    }

    /** Returns the element width in bytes. */
    public int bytes() {
        return bits / 8;
    }

    /** Returns true for F64, F32, F16, BF16 and the two F8 types. */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** Finds the dtype for a safetensors header string (exact, case-sensitive match). */
    public static Optional<DType> fromSafetensorsName(String name) {
        for (DType type : values()) {
            if (type.safetensorsName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a command-line spelling such as {@code bf16}, {@code f32} or {@code fp16}
     * (case-insensitive, an {@code fp} prefix is accepted).
     *
     * @throws IllegalArgumentException naming the value and the accepted spellings
     */
    public static DType parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("FP")) {
            upper = upper.substring(1);
        }
        Optional<DType> found = fromSafetensorsName(upper);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("Unknown dtype '" + text + "'. Use one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ".");
        }
        return found.get();
    }

    /**
     * Decodes the element that starts at absolute byte {@code index} of {@code buffer}, which
     * must be little-endian.
     */
    public float decode(ByteBuffer buffer, int index) {
        switch (this) {
            case F64:
                return (float) buffer.getDouble(index);
            case F32:
                return buffer.getFloat(index);
            case F16:
                return HalfFloats.halfToFloat(buffer.getShort(index));
            case BF16:
                return Float.intBitsToFloat((buffer.getShort(index) & 0xFFFF) << 16);
            case F8_E4M3:
                return HalfFloats.e4m3ToFloat(buffer.get(index));
            case F8_E5M2:
                return HalfFloats.e5m2ToFloat(buffer.get(index));
            case I64:
                return (float) buffer.getLong(index);
            case I32:
                return (float) buffer.getInt(index);
            case I16:
                return buffer.getShort(index);
            case I8:
                return buffer.get(index);
            case U64:
                return unsignedLongToFloat(buffer.getLong(index));
            case U32:
                return (float) (buffer.getInt(index) & 0xFFFF_FFFFL);
            case U16:
                return buffer.getShort(index) & 0xFFFF;
            case U8:
                return buffer.get(index) & 0xFF;
            case BOOL:
                return buffer.get(index) != 0 ? 1f : 0f;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Encodes {@code value} at absolute byte {@code index} of the little-endian {@code buffer}.
     * Floating-point types round to nearest, ties to even; integer types round half away from
     * zero and saturate at their range; BOOL stores 1 for any non-zero value.
     */
    public void encode(ByteBuffer buffer, int index, float value) {
        switch (this) {
            case F64:
                buffer.putDouble(index, value);
                break;
            case F32:
                buffer.putFloat(index, value);
                break;
            case F16:
                buffer.putShort(index, HalfFloats.floatToHalf(value));
                break;
            case BF16:
                buffer.putShort(index, HalfFloats.floatToBfloat16(value));
                break;
            case F8_E4M3:
                buffer.put(index, HalfFloats.floatToE4m3(value));
                break;
            case F8_E5M2:
                buffer.put(index, HalfFloats.floatToE5m2(value));
                break;
            case I64:
                buffer.putLong(index, Math.round((double) value));
                break;
            case I32:
                buffer.putInt(index, (int) clampRound(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                break;
            case I16:
                buffer.putShort(index, (short) clampRound(value, Short.MIN_VALUE, Short.MAX_VALUE));
                break;
            case I8:
                buffer.put(index, (byte) clampRound(value, Byte.MIN_VALUE, Byte.MAX_VALUE));
                break;
            case U64:
                buffer.putLong(index, Math.round((double) Math.max(0f, value)));
                break;
            case U32:
                buffer.putInt(index, (int) clampRound(value, 0, 0xFFFF_FFFFL));
                break;
            case U16:
                buffer.putShort(index, (short) clampRound(value, 0, 0xFFFF));
                break;
            case U8:
                buffer.put(index, (byte) clampRound(value, 0, 0xFF));
                break;
            case BOOL:
                buffer.put(index, (byte) (value != 0f ? 1 : 0));
                break;
            default:
                throw new AssertionError(this);
        }
    }

    private static long clampRound(float value, long min, long max) {
        long rounded = Math.round((double) value);
        return Math.max(min, Math.min(max, rounded));
    }

    private static float unsignedLongToFloat(long value) {
        if (value >= 0) {
            return (float) value;
        }
        return (float) ((value >>> 1) | (value & 1)) * 2f;
    }

    @Override
    public String toString() {
        return safetensorsName;
    }
}
