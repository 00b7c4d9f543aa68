package io.magicvl.core.audit;

import io.magicvl.core.tensor.FloatDecoding;
import io.magicvl.core.tensor.TensorInfo;
import io.magicvl.core.tensor.TensorSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Statistics of one tensor of a stage, optionally against the same tensor of the previous
 * stage: whether its bytes changed, the largest absolute difference, NaN and infinity counts
 * and whether every element is zero.
 *
 * @param changed whether any stored byte differs from the previous stage (false without one)
 * @param maxAbsDiff largest |current - previous| over elements, infinity where one side is not finite
 * @param nanCount elements that are NaN
 * @param infCount elements that are infinite
 * @param allZero whether every element is zero (+0 or -0)
 */
record TensorScan(boolean changed, double maxAbsDiff, long nanCount, long infCount, boolean allZero) {
    private static final int CHUNK_BYTES = 4 << 20;

    /** Reusable buffers of one scanning thread. */
    static final class Scanner {
        private final ByteBuffer current = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final ByteBuffer previous = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final float[] currentValues = new float[CHUNK_BYTES];
        private final float[] previousValues = new float[CHUNK_BYTES];

        /** Scans {@code info} in {@code source}; {@code before} is the previous stage or null. */
        TensorScan scan(TensorSource source, TensorInfo info, TensorSource before) {
            int elementBytes = info.dtype().bytes();
            long total = info.elementCount();
            int chunkElements = CHUNK_BYTES / elementBytes;
            boolean changed = false;
            double maxAbsDiff = 0;
            long nans = 0;
            long infs = 0;
            boolean allZero = true;
            for (long first = 0; first < total; first += chunkElements) {
                int n = (int) Math.min(chunkElements, total - first);
                current.clear().limit(n * elementBytes);
                source.readRaw(info.name(), first * elementBytes, current);
                current.flip();
                FloatDecoding.decode(info.dtype(), current, currentValues, 0, n);
                boolean chunkChanged = false;
                if (before != null) {
                    previous.clear().limit(n * elementBytes);
                    before.readRaw(info.name(), first * elementBytes, previous);
                    previous.flip();
                    chunkChanged = !current.equals(previous);
                    if (chunkChanged) {
                        changed = true;
                        FloatDecoding.decode(info.dtype(), previous, previousValues, 0, n);
                    }
                }
                for (int i = 0; i < n; i++) {
                    float value = currentValues[i];
                    if (Float.isNaN(value)) {
                        nans++;
                        allZero = false;
                    } else if (Float.isInfinite(value)) {
                        infs++;
                        allZero = false;
                    } else if (value != 0f) {
                        allZero = false;
                    }
                    if (chunkChanged) {
                        float old = previousValues[i];
                        double diff = Float.isFinite(value) && Float.isFinite(old)
                                ? Math.abs((double) value - old)
                                : (Float.floatToRawIntBits(value) == Float.floatToRawIntBits(old) ? 0 : Double.POSITIVE_INFINITY);
                        maxAbsDiff = Math.max(maxAbsDiff, diff);
                    }
                }
            }
            return new TensorScan(changed, maxAbsDiff, nans, infs, total > 0 && allZero);
        }
    }
}
