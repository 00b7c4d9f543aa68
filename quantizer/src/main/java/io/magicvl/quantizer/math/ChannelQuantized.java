package io.magicvl.quantizer.math;

/**
 * A weight quantized to 8 bits with one symmetric scale per slice along {@code axis}.
 *
 * @param values the stored bytes in the weight's own layout (int8 or uint8 per {@code range})
 * @param scales one scale per slice along the quantized axis
 * @param shape the weight's dimensions
 * @param axis the axis that has one scale per index (1 for a MatMul [K, N] weight, 0 for Conv and Gather tables)
 */
public record ChannelQuantized(byte[] values, float[] scales, long[] shape, int axis, Int8Range range) {

    /** Returns the dequantized weight in its own layout. */
    public float[] dequantize() {
        float[] out = new float[values.length];
        int channels = scales.length;
        int inner = innerSize(shape, axis);
        for (int i = 0; i < values.length; i++) {
            int channel = (i / inner) % channels;
            int stored = range.signed() ? values[i] : values[i] & 0xFF;
            out[i] = (stored - range.zeroPoint()) * scales[channel];
        }
        return out;
    }

    /** Returns the product of the dimensions after {@code axis}. */
    static int innerSize(long[] shape, int axis) {
        long inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        return Math.toIntExact(inner);
    }
}
