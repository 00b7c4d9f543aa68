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
        if (weight.length != (long) k * n) {
            throw new IllegalArgumentException("weight has " + weight.length + " values, expected " + k + " x " + n);
        }
        int blocks = BlockQuantized.blocksPerColumn(k, blockSize);
        int blob = blockSize * bits / 8;
        byte[] packed = new byte[n * blocks * blob];
        float[] scales = new float[n * blocks];
        byte[] zeroPoints = symmetric ? null : new byte[BlockQuantized.zeroPointBytes(n, blocks, bits)];
        float[] column = new float[k];
        int[] levels = new int[blockSize];
        for (int nn = 0; nn < n; nn++) {
            for (int kk = 0; kk < k; kk++) {
                column[kk] = weight[kk * n + nn];
            }
            for (int block = 0; block < blocks; block++) {
                int start = block * blockSize;
                int end = Math.min(k, start + blockSize);
                int zeroPoint = quantizeBlock(column, start, end, levels, scales, nn * blocks + block);
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

    /** Quantizes column[start, end) into levels and stores its scale; returns the zero point. */
    private int quantizeBlock(float[] column, int start, int end, int[] levels, float[] scales, int scaleIndex) {
        int maxLevel = (1 << bits) - 1;
        if (symmetric) {
            int zeroPoint = 1 << (bits - 1);
            float extreme = 0f;
            for (int i = start; i < end; i++) {
                if (Math.abs(column[i]) > Math.abs(extreme)) {
                    extreme = column[i];
                }
            }
            float scale = extreme / -zeroPoint;
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
