package io.magicvl.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Chunked conversion of stored tensor bytes to float, with bulk paths for F32 and BF16. */
final class FloatDecoding {
    /** Bytes read per chunk: large enough for throughput, small enough to keep the heap flat. */
    private static final int CHUNK_BYTES = 4 << 20;

    private FloatDecoding() {}

    static void read(TensorSource source, TensorInfo info, long firstElement, float[] destination, int offset, int count) {
        DType dtype = info.dtype();
        int elementBytes = dtype.bytes();
        int chunkElements = Math.max(1, CHUNK_BYTES / elementBytes);
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(count, chunkElements) * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
        short[] shorts = dtype == DType.BF16 ? new short[Math.min(count, chunkElements)] : null;
        int done = 0;
        while (done < count) {
            int n = Math.min(chunkElements, count - done);
            buffer.clear();
            buffer.limit(n * elementBytes);
            source.readRaw(info.name(), (firstElement + done) * elementBytes, buffer);
            buffer.flip();
            int out = offset + done;
            if (dtype == DType.F32) {
                buffer.asFloatBuffer().get(destination, out, n);
            } else if (dtype == DType.BF16) {
                buffer.asShortBuffer().get(shorts, 0, n);
                for (int i = 0; i < n; i++) {
                    destination[out + i] = Float.intBitsToFloat((shorts[i] & 0xFFFF) << 16);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    destination[out + i] = dtype.decode(buffer, i * elementBytes);
                }
            }
            done += n;
        }
    }
}
