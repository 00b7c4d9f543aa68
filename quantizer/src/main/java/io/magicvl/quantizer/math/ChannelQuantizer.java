package io.magicvl.quantizer.math;

/**
 * Symmetric per-channel 8-bit quantization: scale = max |w| over the channel / maxLevel, and
 * stored = round(w / scale) + zeroPoint, with the levels of an {@link Int8Range}.
 */
public final class ChannelQuantizer {
    private final Int8Range range;

    public ChannelQuantizer(Int8Range range) {
        this.range = range;
    }

    public Int8Range range() {
        return range;
    }

    /**
     * Quantizes {@code weight} of {@code shape} with one scale per index of {@code axis}.
     */
    public ChannelQuantized quantize(float[] weight, long[] shape, int axis) {
        int channels = Math.toIntExact(shape[axis]);
        int inner = ChannelQuantized.innerSize(shape, axis);
        float[] absMax = new float[channels];
        for (int i = 0; i < weight.length; i++) {
            int channel = (i / inner) % channels;
            absMax[channel] = Math.max(absMax[channel], Math.abs(weight[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = absMax[c] / range.maxLevel();
        }
        byte[] values = new byte[weight.length];
        for (int i = 0; i < weight.length; i++) {
            int channel = (i / inner) % channels;
            values[i] = (byte) quantizeValue(weight[i], scales[channel]);
        }
        return new ChannelQuantized(values, scales, shape.clone(), axis, range);
    }

    /** Returns the stored level of {@code value} at {@code scale}, clamped to the range. */
    public int quantizeValue(float value, float scale) {
        if (scale == 0f) {
            return range.zeroPoint();
        }
        int level = (int) Math.rint(value / scale);
        level = Math.max(-range.maxLevel(), Math.min(range.maxLevel(), level));
        return level + range.zeroPoint();
    }

    /** Returns max |w| / maxLevel for each column of a [rows, columns] row-major block, merged into {@code absMax}. */
    public static void accumulateColumnAbsMax(float[] rows, int rowCount, int columns, float[] absMax) {
        for (int r = 0; r < rowCount; r++) {
            int base = r * columns;
            for (int c = 0; c < columns; c++) {
                absMax[c] = Math.max(absMax[c], Math.abs(rows[base + c]));
            }
        }
    }
}
