package io.magicvl.quantizer.math;

/**
 * A [K, N] weight quantized block-wise along K in the layout of {@code com.microsoft.MatMulNBits}.
 *
 * <p>{@code packed} is [N, blocks, blockSize * bits / 8]: one row per output channel (the
 * weight transposed), two 4-bit values per byte with the lower K index in the low nibble.
 * {@code scales} is [N * blocks]. {@code zeroPoints} is null for symmetric quantization (the
 * operator then uses 2^(bits-1)); otherwise it is [N * ceil(blocks / 2)] packed nibbles for
 * 4 bits and [N * blocks] bytes for 8 bits. When K is not a multiple of the block size, the
 * last block is padded with the zero point, so padded positions dequantize to 0.
 */
public record BlockQuantized(
        int k, int n, int bits, int blockSize, byte[] packed, float[] scales, byte[] zeroPoints) {

    /** Returns the number of blocks per output channel, ceil(K / blockSize). */
    public int blocksPerColumn() {
        return blocksPerColumn(k, blockSize);
    }

    /** Returns ceil(k / blockSize). */
    public static int blocksPerColumn(int k, int blockSize) {
        return (k + blockSize - 1) / blockSize;
    }

    /** Returns the bytes of one block in {@code packed}. */
    public int blobSize() {
        return blockSize * bits / 8;
    }

    /** Returns the size in bytes of the zero-point tensor for {@code n} channels, or 0 when symmetric. */
    public static int zeroPointBytes(int n, int blocks, int bits) {
        return bits == 4 ? n * ((blocks + 1) / 2) : n * blocks;
    }

    /** Returns the quantized integer (0 .. 2^bits - 1) of element (row {@code kk}, column {@code nn}). */
    public int quantizedValue(int kk, int nn) {
        int block = kk / blockSize;
        int inBlock = kk % blockSize;
        int offset = (nn * blocksPerColumn() + block) * blobSize();
        if (bits == 8) {
            return packed[offset + inBlock] & 0xFF;
        }
        int b = packed[offset + inBlock / 2] & 0xFF;
        return (inBlock & 1) == 0 ? b & 0x0F : b >>> 4;
    }

    /** Returns the zero point of block {@code block} of column {@code nn}. */
    public int zeroPoint(int nn, int block) {
        int blocks = blocksPerColumn();
        if (zeroPoints == null) {
            return 1 << (bits - 1);
        }
        if (bits == 8) {
            return zeroPoints[nn * blocks + block] & 0xFF;
        }
        int b = zeroPoints[nn * ((blocks + 1) / 2) + block / 2] & 0xFF;
        return (block & 1) == 0 ? b & 0x0F : b >>> 4;
    }

    /** Returns the dequantized weight as [N, K]: the K values of each output channel contiguous. */
    public float[] dequantizeChannels() {
        float[] out = new float[k * n];
        int blocks = blocksPerColumn();
        int blob = blobSize();
        for (int nn = 0; nn < n; nn++) {
            for (int block = 0; block < blocks; block++) {
                float scale = scales[nn * blocks + block];
                int zeroPoint = zeroPoint(nn, block);
                int offset = (nn * blocks + block) * blob;
                int start = block * blockSize;
                int end = Math.min(k, start + blockSize);
                int outBase = nn * k;
                for (int kk = start; kk < end; kk++) {
                    int inBlock = kk - start;
                    int level;
                    if (bits == 8) {
                        level = packed[offset + inBlock] & 0xFF;
                    } else {
                        int b = packed[offset + (inBlock >> 1)] & 0xFF;
                        level = (inBlock & 1) == 0 ? b & 0x0F : b >>> 4;
                    }
                    out[outBase + kk] = (level - zeroPoint) * scale;
                }
            }
        }
        return out;
    }

    /** Returns the dequantized weight as [K, N] row-major, the reference for what the operator computes. */
    public float[] dequantize() {
        float[] out = new float[k * n];
        int blocks = blocksPerColumn();
        for (int nn = 0; nn < n; nn++) {
            for (int kk = 0; kk < k; kk++) {
                int block = kk / blockSize;
                float scale = scales[nn * blocks + block];
                out[kk * n + nn] = (quantizedValue(kk, nn) - zeroPoint(nn, block)) * scale;
            }
        }
        return out;
    }
}
