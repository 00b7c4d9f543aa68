package io.magicvl.core.onnx;

import java.util.Locale;

/** ONNX tensor element types that magicvl writes, with their {@code TensorProto.DataType} code. */
public enum ElementType {
    FLOAT(1, 32),
    UINT8(2, 8),
    INT8(3, 8),
    INT32(6, 32),
    INT64(7, 64),
    BOOL(9, 8),
    FLOAT16(10, 16),
    BFLOAT16(16, 16),
    UINT4(21, 4),
    INT4(22, 4);

    private final int code;
    private final int bits;

    ElementType(int code, int bits) {
        this.code = code;
        this.bits = bits;
    }

    /** Returns the {@code TensorProto.DataType} value. */
    public int code() {
        return code;
    }

    /** Returns the element width in bits. */
    public int bits() {
        return bits;
    }

    /** Returns the byte length of {@code elements} packed elements (sub-byte types round up). */
    public long byteLength(long elements) {
        return (Math.multiplyExact(elements, (long) bits) + 7) / 8;
    }

    /** Returns the short lower-case name used in manifests and constant names, e.g. {@code float32}. */
    public String label() {
        switch (this) {
            case FLOAT:
                return "float32";
            case FLOAT16:
                return "float16";
            case BFLOAT16:
                return "bfloat16";
            default:
                return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Finds the element type for a {@code TensorProto.DataType} code.
     *
     * @throws IllegalArgumentException for a code magicvl does not write
     */
    public static ElementType fromCode(int code) {
        for (ElementType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unsupported ONNX element type code " + code);
    }
}
