package io.magicvl.core.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of one initializer, produced on demand so that large weights go straight from the
 * checkpoint to the external data file without being held in memory.
 *
 * <p>Bytes are little-endian, row-major; sub-byte types pack two elements per byte, low nibble
 * first. {@link #writeTo} must write exactly {@link #byteLength} bytes.
 */
public interface TensorData {
    /** Returns the number of bytes {@link #writeTo} writes. */
    long byteLength();

    /** Writes the bytes to {@code sink}, in order, in chunks of any size. */
    void writeTo(ByteSink sink) throws IOException;

    /** A destination of tensor bytes. */
    interface ByteSink {
        /** Writes the remaining bytes of {@code chunk} and leaves its position at its limit. */
        void write(ByteBuffer chunk) throws IOException;
    }

    /** Wraps {@code bytes} (little-endian element bytes); the array is not copied. */
    static TensorData of(byte[] bytes) {
        return new TensorData() {
            @Override
            public long byteLength() {
                return bytes.length;
            }

            @Override
            public void writeTo(ByteSink sink) throws IOException {
                sink.write(ByteBuffer.wrap(bytes));
            }
        };
    }

    /** Encodes {@code values} as float32. */
    static TensorData ofFloats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return of(buffer.array());
    }

    /** Encodes {@code values} as int64. */
    static TensorData ofLongs(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return of(buffer.array());
    }

    /** Encodes {@code values} as int32. */
    static TensorData ofInts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return of(buffer.array());
    }
}
