package io.magicvl.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Native-order direct buffers, which ONNX Runtime's Java API wraps as tensors without
 * copying. A view of the first {@code n} elements backs a tensor of {@code n} elements.
 */
final class DirectBuffers {
    private DirectBuffers() {}

    static FloatBuffer floats(long count) {
        return ByteBuffer.allocateDirect(Math.toIntExact(Math.multiplyExact(count, 4L)))
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    static LongBuffer longs(long count) {
        return ByteBuffer.allocateDirect(Math.toIntExact(Math.multiplyExact(count, 8L)))
                .order(ByteOrder.nativeOrder())
                .asLongBuffer();
    }

    /** Returns a view of elements {@code [offset, offset + length)} of {@code buffer}. */
    static FloatBuffer view(FloatBuffer buffer, long offset, long length) {
        return buffer.slice(Math.toIntExact(offset), Math.toIntExact(length));
    }

    /** Returns a view of elements {@code [offset, offset + length)} of {@code buffer}. */
    static LongBuffer view(LongBuffer buffer, long offset, long length) {
        return buffer.slice(Math.toIntExact(offset), Math.toIntExact(length));
    }
}
