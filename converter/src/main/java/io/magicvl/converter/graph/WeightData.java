package io.magicvl.converter.graph;

import io.magicvl.core.tensor.HalfFloats;
import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.TensorData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Produces initializer bytes from checkpoint tensors in bounded pieces: as stored, or transposed
 * from a linear layer's {@code [out, in]} to the {@code [in, out]} that {@code MatMul} takes.
 */
final class WeightData {
    /** Elements converted per output chunk. */
    private static final int CHUNK_ELEMENTS = 2 << 20;
    /** Elements of the source matrix held at a time while transposing (two float copies of it). */
    private static final long STRIP_ELEMENTS = 8L << 20;

    private WeightData() {}

    /** Rows of a source matrix, read in pieces. */
    interface RowSource {
        /** Reads {@code count} elements of row {@code row} from column {@code column} into {@code destination[offset..]}. */
        void read(long row, long column, float[] destination, int offset, int count);
    }

    /** Returns the rows of tensor {@code name}, viewed as a matrix with {@code cols} columns. */
    static RowSource rows(Weights weights, String name, long cols) {
        return (row, column, destination, offset, count) ->
                weights.read(name, row * cols + column, destination, offset, count);
    }

    /** Returns the {@code count} elements of {@code name} in order, encoded as {@code type}. */
    static TensorData plain(Weights weights, String name, long count, ElementType type) {
        return new TensorData() {
            @Override
            public long byteLength() {
                return type.byteLength(count);
            }

            @Override
            public void writeTo(ByteSink sink) throws IOException {
                int perChunk = (int) Math.min(count, CHUNK_ELEMENTS);
                float[] values = new float[perChunk];
                ByteBuffer buffer = ByteBuffer.allocate(perChunk * (type.bits() / 8)).order(ByteOrder.LITTLE_ENDIAN);
                for (long start = 0; start < count; start += perChunk) {
                    int n = (int) Math.min(perChunk, count - start);
                    weights.read(name, start, values, 0, n);
                    encode(values, n, type, buffer, sink);
                }
            }
        };
    }

    /**
     * Returns the transpose of the {@code rows x cols} matrix {@code source}, encoded as
     * {@code type}. The source is read one block of columns at a time (the whole matrix when it
     * has at most {@link #STRIP_ELEMENTS} elements), so memory stays bounded whatever its size.
     */
    static TensorData transposed(RowSource source, long rows, long cols, ElementType type) {
        return new TensorData() {
            @Override
            public long byteLength() {
                return type.byteLength(rows * cols);
            }

            @Override
            public void writeTo(ByteSink sink) throws IOException {
                int block = (int) Math.min(cols, Math.max(1, STRIP_ELEMENTS / rows));
                float[] strip = new float[(int) (rows * block)];
                float[] transposedStrip = new float[strip.length];
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK_ELEMENTS * (type.bits() / 8)).order(ByteOrder.LITTLE_ENDIAN);
                for (long c0 = 0; c0 < cols; c0 += block) {
                    int n = (int) Math.min(block, cols - c0);
                    for (long r = 0; r < rows; r++) {
                        source.read(r, c0, strip, (int) (r * n), n);
                    }
                    for (int r = 0; r < rows; r++) {
                        int from = r * n;
                        for (int c = 0; c < n; c++) {
                            transposedStrip[(int) (c * rows + r)] = strip[from + c];
                        }
                    }
                    long length = (long) n * rows;
                    for (int start = 0; start < length; start += CHUNK_ELEMENTS) {
                        int count = (int) Math.min(CHUNK_ELEMENTS, length - start);
                        encodeRange(transposedStrip, start, count, type, buffer, sink);
                    }
                }
            }
        };
    }

    private static void encode(float[] values, int n, ElementType type, ByteBuffer buffer, TensorData.ByteSink sink)
            throws IOException {
        encodeRange(values, 0, n, type, buffer, sink);
    }

    private static void encodeRange(float[] values, int start, int n, ElementType type, ByteBuffer buffer,
            TensorData.ByteSink sink) throws IOException {
        buffer.clear();
        if (type == ElementType.FLOAT) {
            for (int i = 0; i < n; i++) {
                buffer.putFloat(values[start + i]);
            }
        } else if (type == ElementType.FLOAT16) {
            for (int i = 0; i < n; i++) {
                buffer.putShort(HalfFloats.floatToHalf(values[start + i]));
            }
        } else {
            throw new IllegalArgumentException("Weights are written as float32 or float16, not " + type.label());
        }
        buffer.flip();
        sink.write(buffer);
    }
}
