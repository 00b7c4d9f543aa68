package io.magicvl.quantizer.math;

/**
 * Round-to-nearest block-wise quantization of [K, N] weights to 4 or 8 bits along K, in the
 * {@code MatMulNBits} layout (see {@link BlockQuantized}).
 *
 * <p>Symmetric: the element of largest magnitude {@code m} of a block maps to the most negative
 * level, so scale = m / -2^(bits-1) (the scale carries the sign of m) and the levels
 * -2^(bits-1) .. 2^(bits-1)-1 are all usable; the stored value is level + 2^(bits-1), which is
 * the operator's default zero point. Asymmetric: the range [min(0, min), max(0, max)] maps onto
 * 0 .. 2^bits-1 with scale = (max - min) / (2^bits - 1) and zero point round(-min / scale), so
 * 0.0 is exact. Columns are processed independently, so callers may quantize a wide matrix in
 * column stripes and concatenate the results.
 */
public final class BlockQuantizer {
    private final int bits;
    private final int blockSize;
    private final boolean symmetric;

    public BlockQuantizer(int bits, int blockSize, boolean symmetric) {
        if (bits != 4 && bits != 8) {
            throw new IllegalArgumentException("bits must be 4 or 8, got " + bits);
        }
        if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two >= 16, got " + blockSize);
        }
        this.bits = bits;
        this.blockSize = blockSize;
        this.symmetric = symmetric;
    }

    public int bits() {
        return bits;
    }

    public int blockSize() {
        return blockSize;
    }

    public boolean symmetric() {
        return symmetric;
    }

    /**
     * Quantizes {@code weight}, a [K, N] row-major matrix.
     *
     * @param weight the matrix, {@code k * n} values
     */
    public BlockQuantized quantize(float[] weight, int k, int n) {
        return quantize(weight, k, n, null);
    }

    /**
     * Quantizes {@code weight}, a [K, N] row-major matrix, and adds the error of the dequantized
     * values to {@code error} (when not null). Works a block of K rows at a time across all
     * columns, so every pass over the input is sequential.
     */
    public BlockQuantized quantize(float[] weight, int k, int n, ErrorStats error) {
        if (weight.length != (long) k * n) {
            throw new IllegalArgumentException("weight has " + weight.length + " values, expected " + k + " x " + n);
        }
        BlockQuantized target = allocate(k, n);
        quantizeRows(weight, 0, k, target, error);
        return target;
    }

    /** Returns an empty result for a [K, N] weight, to be filled by {@link #quantizeRows}. */
    public BlockQuantized allocate(int k, int n) {
        int blocks = BlockQuantized.blocksPerColumn(k, blockSize);
        return new BlockQuantized(k, n, bits, blockSize, new byte[Math.multiplyExact(n, blocks * blockSize * bits / 8)],
                new float[n * blocks], symmetric ? null : new byte[BlockQuantized.zeroPointBytes(n, blocks, bits)]);
    }

    /**
     * Quantizes rows {@code firstRow .. firstRow + rowCount} of a [K, N] weight into {@code target}.
     * {@code rows} holds those rows, [rowCount, N] row-major; {@code firstRow} must start a block,
     * and {@code rowCount} must cover whole blocks except at the end of K. Adds the error of the
     * dequantized values to {@code error} when it is not null.
     */
    public void quantizeRows(float[] rows, int firstRow, int rowCount, BlockQuantized target, ErrorStats error) {
        int k = target.k();
        int n = target.n();
        if (firstRow % blockSize != 0 || (rowCount % blockSize != 0 && firstRow + rowCount != k)) {
            throw new IllegalArgumentException("rows " + firstRow + " + " + rowCount + " do not cover whole blocks of "
                    + blockSize);
        }
        int blocks = BlockQuantized.blocksPerColumn(k, blockSize);
        int blob = blockSize * bits / 8;
        int maxLevel = (1 << bits) - 1;
        byte[] packed = target.packed();
        float[] scales = target.scales();
        byte[] zeroPoints = target.zeroPoints();
        float[] low = new float[n];
        float[] high = new float[n];
        float[] inverse = new float[n];
        int[] zero = new int[n];
        byte[] levels = new byte[n * blockSize];

        double signal = 0;
        double noise = 0;
        double dot = 0;
        double approxEnergy = 0;
        double maxAbs = 0;
        int firstBlock = firstRow / blockSize;
        int lastBlock = BlockQuantized.blocksPerColumn(firstRow + rowCount, blockSize);

        for (int block = firstBlock; block < lastBlock; block++) {
            int r0 = block * blockSize;
            int r1 = Math.min(k, r0 + blockSize);
            java.util.Arrays.fill(low, 0f);
            java.util.Arrays.fill(high, 0f);
            for (int r = r0; r < r1; r++) {
                int base = (r - firstRow) * n;
                for (int c = 0; c < n; c++) {
                    float w = rows[base + c];
                    low[c] = Math.min(low[c], w);
                    high[c] = Math.max(high[c], w);
                }
            }

            // Scale and zero point of this block in every column.
            for (int c = 0; c < n; c++) {
                float scale;
                if (symmetric) {
                    zero[c] = 1 << (bits - 1);
                    scale = extreme(low[c], high[c]) / -zero[c];
                } else {
                    scale = (high[c] - low[c]) / maxLevel;
                    zero[c] = scale == 0f ? 0 : Math.max(0, Math.min(maxLevel, (int) Math.rint(-low[c] / scale)));
                }
                scales[c * blocks + block] = scale;
                inverse[c] = scale == 0f ? 0f : 1f / scale;
                if (zeroPoints != null) {
                    storeZeroPoint(zeroPoints, c, blocks, block, zero[c]);
                }
            }

            // Levels, and the error of their dequantized values.
            java.util.Arrays.fill(levels, (byte) 0);
            for (int r = r0; r < r1; r++) {
                int base = (r - firstRow) * n;
                int inBlock = r - r0;
                for (int c = 0; c < n; c++) {
                    float w = rows[base + c];
                    int level = (int) Math.rint(w * inverse[c]) + zero[c];
                    level = Math.max(0, Math.min(maxLevel, level));
                    levels[c * blockSize + inBlock] = (byte) level;
                    if (error != null) {
                        double approx = (level - zero[c]) * scales[c * blocks + block];
                        double difference = approx - w;
                        signal += (double) w * w;
                        noise += difference * difference;
                        dot += w * approx;
                        approxEnergy += approx * approx;
                        maxAbs = Math.max(maxAbs, Math.abs(difference));
                    }
                }
            }

            // Padding beyond K gets the zero point; then each column's block is packed.
            for (int c = 0; c < n; c++) {
                for (int i = r1 - r0; i < blockSize; i++) {
                    levels[c * blockSize + i] = (byte) zero[c];
                }
                int offset = (c * blocks + block) * blob;
                int source = c * blockSize;
                if (bits == 8) {
                    System.arraycopy(levels, source, packed, offset, blockSize);
                } else {
                    for (int i = 0; i < blockSize; i += 2) {
                        packed[offset + i / 2] = (byte) ((levels[source + i] & 0x0F) | (levels[source + i + 1] << 4));
                    }
                }
            }
        }

        if (error != null) {
            error.addTotals(signal, noise, dot, approxEnergy, maxAbs, (long) rowCount * n);
        }
    }

    /**
     * Quantizes {@code channels}, the same matrix stored as [N, K]: the K inputs of each output
     * channel contiguous, the layout of an embedding table and of MatMulNBits' B.
     */
    public BlockQuantized quantizeChannels(float[] channels, int k, int n) {
        int blocks = BlockQuantized.blocksPerColumn(k, blockSize);
        int blob = blockSize * bits / 8;
        byte[] packed = new byte[n * blocks * blob];
        float[] scales = new float[n * blocks];
        byte[] zeroPoints = symmetric ? null : new byte[BlockQuantized.zeroPointBytes(n, blocks, bits)];
        int[] levels = new int[blockSize];
        for (int nn = 0; nn < n; nn++) {
            int base = nn * k;
            for (int block = 0; block < blocks; block++) {
                int start = base + block * blockSize;
                int end = Math.min(base + k, start + blockSize);
                int zeroPoint = quantizeBlock(channels, start, end, levels, scales, nn * blocks + block);
                for (int i = end - start; i < blockSize; i++) {
                    levels[i] = zeroPoint;
                }
                pack(levels, packed, (nn * blocks + block) * blob);
                if (zeroPoints != null) {
                    storeZeroPoint(zeroPoints, nn, blocks, block, zeroPoint);
                }
            }
        }
        return new BlockQuantized(k, n, bits, blockSize, packed, scales, zeroPoints);
    }

    /** Returns the value of larger magnitude of a block's minimum and maximum, the maximum on ties. */
    private static float extreme(float min, float max) {
        return max >= -min ? max : min;
    }

    /** Returns the [n, k] transpose of a [k, n] row-major matrix, copied in cache-sized tiles. */
    public static float[] transpose(float[] matrix, int k, int n) {
        float[] out = new float[matrix.length];
        final int tile = 64;
        for (int k0 = 0; k0 < k; k0 += tile) {
            int k1 = Math.min(k, k0 + tile);
            for (int n0 = 0; n0 < n; n0 += tile) {
                int n1 = Math.min(n, n0 + tile);
                for (int kk = k0; kk < k1; kk++) {
                    for (int nn = n0; nn < n1; nn++) {
                        out[nn * k + kk] = matrix[kk * n + nn];
                    }
                }
            }
        }
        return out;
    }

    /** Quantizes column[start, end) into levels and stores its scale; returns the zero point. */
    private int quantizeBlock(float[] column, int start, int end, int[] levels, float[] scales, int scaleIndex) {
        int maxLevel = (1 << bits) - 1;
        if (symmetric) {
            int zeroPoint = 1 << (bits - 1);
            float min = 0f;
            float max = 0f;
            for (int i = start; i < end; i++) {
                min = Math.min(min, column[i]);
                max = Math.max(max, column[i]);
            }
            float scale = extreme(min, max) / -zeroPoint;
            scales[scaleIndex] = scale;
            float inverse = scale == 0f ? 0f : 1f / scale;
            for (int i = start; i < end; i++) {
                int level = (int) Math.rint(column[i] * inverse) + zeroPoint;
                levels[i - start] = Math.max(0, Math.min(maxLevel, level));
            }
            return zeroPoint;
        }
        float min = 0f;
        float max = 0f;
        for (int i = start; i < end; i++) {
            min = Math.min(min, column[i]);
            max = Math.max(max, column[i]);
        }
        float scale = (max - min) / maxLevel;
        scales[scaleIndex] = scale;
        if (scale == 0f) {
            for (int i = start; i < end; i++) {
                levels[i - start] = 0;
            }
            return 0;
        }
        int zeroPoint = Math.max(0, Math.min(maxLevel, (int) Math.rint(-min / scale)));
        float inverse = 1f / scale;
        for (int i = start; i < end; i++) {
            int level = (int) Math.rint(column[i] * inverse) + zeroPoint;
            levels[i - start] = Math.max(0, Math.min(maxLevel, level));
        }
        return zeroPoint;
    }

    private void pack(int[] levels, byte[] packed, int offset) {
        if (bits == 8) {
            for (int i = 0; i < blockSize; i++) {
                packed[offset + i] = (byte) levels[i];
            }
            return;
        }
        for (int i = 0; i < blockSize; i += 2) {
            packed[offset + i / 2] = (byte) (levels[i] | (levels[i + 1] << 4));
        }
    }

    private void storeZeroPoint(byte[] zeroPoints, int nn, int blocks, int block, int zeroPoint) {
        if (bits == 8) {
            zeroPoints[nn * blocks + block] = (byte) zeroPoint;
            return;
        }
        int index = nn * ((blocks + 1) / 2) + block / 2;
        if ((block & 1) == 0) {
            zeroPoints[index] = (byte) ((zeroPoints[index] & 0xF0) | zeroPoint);
        } else {
            zeroPoints[index] = (byte) ((zeroPoints[index] & 0x0F) | (zeroPoint << 4));
        }
    }
}
