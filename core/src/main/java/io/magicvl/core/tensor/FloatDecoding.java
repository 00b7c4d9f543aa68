package io.magicvl.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Chunked conversion of stored tensor bytes to float, with bulk paths for F32 and BF16. */
public final class FloatDecoding {
    /** Bytes read per chunk: large enough for throughput, small enough to keep the heap flat. */
    private static final int CHUNK_BYTES = 4 << 20;

    private FloatDecoding() {}

    static void read(TensorSource source, TensorInfo info, long firstElement, float[] destination, int offset, int count) {
        DType dtype = info.dtype();
        int elementBytes = dtype.bytes();
        int chunkElements = Math.max(1, CHUNK_BYTES / elementBytes);
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(count, chunkElements) * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < count) {
            int n = Math.min(chunkElements, count - done);
            buffer.clear();
            buffer.limit(n * elementBytes);
            source.readRaw(info.name(), (firstElement + done) * elementBytes, buffer);
            buffer.flip();
            decode(dtype, buffer, destination, offset + done, n);
            done += n;
        }
    }

    /**
     * Decodes {@code count} elements of {@code dtype} from the start of the little-endian
     * {@code buffer} (absolute positions from {@code buffer.position()}) into {@code
     * destination[offset..]}.
     */
    public static void decode(DType dtype, ByteBuffer buffer, float[] destination, int offset, int count) {
        ByteBuffer view = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == DType.F32) {
            view.asFloatBuffer().get(destination, offset, count);
        } else if (dtype == DType.BF16) {
            java.nio.ShortBuffer shorts = view.asShortBuffer();
            for (int i = 0; i < count; i++) {
                destination[offset + i] = Float.intBitsToFloat((shorts.get(i) & 0xFFFF) << 16);
            }
        } else {
            int elementBytes = dtype.bytes();
            for (int i = 0; i < count; i++) {
                destination[offset + i] = dtype.decode(view, i * elementBytes);
            }
        }
    }
}
