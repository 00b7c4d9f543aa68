package io.magicvl.converter.graph;

import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.TensorData;
import io.magicvl.core.tensor.HalfFloats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * Produces initializer bytes from checkpoint tensors in bounded pieces: as stored, or transposed
 * from a linear layer's {@code [out, in]} to the {@code [in, out]} that {@code MatMul} takes.
 *
 * <p>Each piece is transposed and encoded on all cores (the common fork-join pool); pieces are
 * written in order. Buffers are allocated once per thread and reused for every tensor, so the
 * heap keeps about {@code 3 x STRIP_ELEMENTS x 4} bytes of them whatever the model size.
 */
final class WeightData {
    /** Elements of the source matrix held at a time while transposing. */
    private static final int STRIP_ELEMENTS = 16 << 20;
    /** Tile side of the cache-blocked transpose, in elements. */
    private static final int TILE = 32;
    /** Elements encoded by one parallel task. */
    private static final int ENCODE_TASK = 1 << 16;
    /** float16 bits of every bfloat16 value (exact same rounding as {@link HalfFloats#floatToHalf}). */
    private static final short[] HALF_OF_BFLOAT16 = halfOfBfloat16();

    /** Source strip, its transpose and the encoded bytes, reused across tensors. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private WeightData() {}

    private static final class Scratch {
        final float[] strip = new float[STRIP_ELEMENTS];
        final float[] transposed = new float[STRIP_ELEMENTS];
        final ByteBuffer bytes = ByteBuffer.allocate(STRIP_ELEMENTS * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

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
                Scratch scratch = SCRATCH.get();
                for (long start = 0; start < count; start += STRIP_ELEMENTS) {
                    int n = (int) Math.min(STRIP_ELEMENTS, count - start);
                    weights.read(name, start, scratch.strip, 0, n);
                    encode(scratch.strip, n, type, scratch.bytes);
                    sink.write(scratch.bytes);
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
        if (rows > STRIP_ELEMENTS) {
            throw new IllegalArgumentException("A matrix with " + rows + " rows is too tall to transpose in strips");
        }
        return new TensorData() {
            @Override
            public long byteLength() {
                return type.byteLength(rows * cols);
            }

            @Override
            public void writeTo(ByteSink sink) throws IOException {
                Scratch scratch = SCRATCH.get();
                int block = (int) Math.min(cols, Math.max(1, STRIP_ELEMENTS / rows));
                for (long c0 = 0; c0 < cols; c0 += block) {
                    int n = (int) Math.min(block, cols - c0);
                    for (long r = 0; r < rows; r++) {
                        source.read(r, c0, scratch.strip, (int) (r * n), n);
                    }
                    transpose(scratch.strip, scratch.transposed, (int) rows, n);
                    encode(scratch.transposed, (int) (n * rows), type, scratch.bytes);
                    sink.write(scratch.bytes);
                }
            }
        };
    }

    /** Writes the transpose of {@code source} ({@code rows x cols}, row-major) into {@code target}. */
    static void transpose(float[] source, float[] target, int rows, int cols) {
        int rowTiles = (rows + TILE - 1) / TILE;
        IntStream.range(0, rowTiles).parallel().forEach(tile -> {
            int r0 = tile * TILE;
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    int from = r * cols;
                    for (int c = c0; c < c1; c++) {
                        target[c * rows + r] = source[from + c];
                    }
                }
            }
        });
    }

    /** Encodes {@code values[0..n)} into {@code bytes}, leaving it ready to read (position 0, limit at the end). */
    static void encode(float[] values, int n, ElementType type, ByteBuffer bytes) {
        bytes.clear();
        if (type == ElementType.FLOAT) {
            bytes.asFloatBuffer().put(values, 0, n);
            bytes.limit(n * 4);
        } else if (type == ElementType.FLOAT16) {
            int tasks = (n + ENCODE_TASK - 1) / ENCODE_TASK;
            IntStream.range(0, tasks).parallel().forEach(task -> {
                int end = Math.min(n, (task + 1) * ENCODE_TASK);
                for (int i = task * ENCODE_TASK; i < end; i++) {
                    bytes.putShort(i * 2, toHalf(values[i]));
                }
            });
            bytes.limit(n * 2);
        } else {
            throw new IllegalArgumentException("Weights are written as float32 or float16, not " + type.label());
        }
    }

    /** Returns the float16 bits of {@code value}, by table lookup when it is a bfloat16 value. */
    private static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0xFFFF) == 0) {
            return HALF_OF_BFLOAT16[bits >>> 16];
        }
        return HalfFloats.floatToHalf(value);
    }

    private static short[] halfOfBfloat16() {
        short[] table = new short[1 << 16];
        for (int i = 0; i < table.length; i++) {
            table[i] = HalfFloats.floatToHalf(Float.intBitsToFloat(i << 16));
        }
        return table;
    }
}
