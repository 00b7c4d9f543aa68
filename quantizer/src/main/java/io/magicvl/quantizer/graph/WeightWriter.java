package io.magicvl.quantizer.graph;

import ai.onnxruntime.platform.Fp16Conversions;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.quantizer.math.BlockQuantized;
import io.magicvl.quantizer.math.BlockQuantizer;
import io.magicvl.quantizer.math.ChannelQuantizer;
import io.magicvl.quantizer.math.ErrorStats;
import io.magicvl.quantizer.math.Int8Range;
import io.magicvl.quantizer.onnx.ExternalDataWriter;
import io.magicvl.quantizer.onnx.InitializerData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Quantizes one float initializer into new initializers, a slice at a time, so that memory stays
 * bounded by {@link #CHUNK_ELEMENTS} floats whatever the size of the weight; reports the error of
 * the dequantized values against the original.
 */
final class WeightWriter {
    /** Elements read per slice: 4 Mi floats, 16 MiB. */
    static final int CHUNK_ELEMENTS = 4 << 20;

    private final InitializerData data;
    private final ExternalDataWriter writer;

    WeightWriter(InitializerData data, ExternalDataWriter writer) {
        this.data = data;
        this.writer = writer;
    }

    /** New initializers and the error of the quantized weight. */
    record Written(List<TensorProto> initializers, ErrorStats error, long bytes) {}

    /**
     * Writes {@code weight} [K, N] block-quantized along K in the MatMulNBits layout:
     * {@code <name>_Q<bits>} [N, blocks, blob], {@code <name>_scales} [N * blocks] and, when
     * asymmetric, {@code <name>_zero_points}.
     */
    Written blockWiseColumns(TensorProto weight, BlockQuantizer quantizer) {
        int k = Math.toIntExact(weight.getDims(0));
        int n = Math.toIntExact(weight.getDims(1));
        int stripe = Math.max(1, Math.min(n, CHUNK_ELEMENTS / k));
        return blockWise(weight, quantizer, k, n, stripe, false);
    }

    /**
     * Writes table {@code weight} [rows, D] block-quantized along D, in the GatherBlockQuantized
     * layout (the same bytes as MatMulNBits with one output channel per row).
     */
    Written blockWiseRows(TensorProto weight, BlockQuantizer quantizer) {
        int rows = Math.toIntExact(weight.getDims(0));
        int d = Math.toIntExact(weight.getDims(1));
        int chunk = Math.max(1, Math.min(rows, CHUNK_ELEMENTS / d));
        return blockWise(weight, quantizer, d, rows, chunk, true);
    }

    private Written blockWise(TensorProto weight, BlockQuantizer quantizer, int k, int n, int stripe, boolean rowMajorChannels) {
        String name = weight.getName();
        int bits = quantizer.bits();
        int blocks = BlockQuantized.blocksPerColumn(k, quantizer.blockSize());
        int blob = quantizer.blockSize() * bits / 8;
        float[] scales = new float[n * blocks];
        int zeroPointBytesPerChannel = BlockQuantized.zeroPointBytes(1, blocks, bits);
        byte[] zeroPoints = quantizer.symmetric() ? null : new byte[n * zeroPointBytesPerChannel];
        ErrorStats error = new ErrorStats();
        long[] packedDims = rowMajorChannels ? new long[] {n, (long) blocks * blob} : new long[] {n, blocks, blob};
        ExternalDataWriter.Appender packed = writer.begin(name + "_Q" + bits, TensorProto.DataType.UINT8_VALUE, packedDims);
        float[] slice = new float[k * stripe];
        float[] columns = new float[k * stripe];
        for (int n0 = 0; n0 < n; n0 += stripe) {
            int width = Math.min(stripe, n - n0);
            if (rowMajorChannels) {
                // rows n0 .. n0 + width of the table, transposed into [D, width] columns
                data.readFloats(weight, (long) n0 * k, slice, 0, width * k);
                for (int r = 0; r < width; r++) {
                    for (int c = 0; c < k; c++) {
                        columns[c * width + r] = slice[r * k + c];
                    }
                }
            } else {
                data.readBlock(weight, 0, k, n0, n0 + width, columns);
            }
            float[] original = width == stripe ? columns : java.util.Arrays.copyOf(columns, k * width);
            BlockQuantized quantized = quantizer.quantize(original, k, width);
            error.add(original, quantized.dequantize());
            packed.write(ByteBuffer.wrap(quantized.packed()));
            System.arraycopy(quantized.scales(), 0, scales, n0 * blocks, width * blocks);
            if (zeroPoints != null) {
                System.arraycopy(quantized.zeroPoints(), 0, zeroPoints, n0 * zeroPointBytesPerChannel,
                        width * zeroPointBytesPerChannel);
            }
        }
        List<TensorProto> initializers = new ArrayList<>();
        initializers.add(packed.finish());
        long[] scaleDims = rowMajorChannels ? new long[] {n, blocks} : new long[] {(long) n * blocks};
        initializers.add(writer.put(name + "_scales", TensorProto.DataType.FLOAT, scaleDims, floatBytes(scales)));
        long bytes = (long) n * blocks * blob + scales.length * 4L;
        if (zeroPoints != null) {
            long[] zeroPointDims = rowMajorChannels
                    ? new long[] {n, zeroPointBytesPerChannel}
                    : new long[] {zeroPoints.length};
            initializers.add(writer.put(name + "_zero_points", TensorProto.DataType.UINT8, zeroPointDims, zeroPoints));
            bytes += zeroPoints.length;
        }
        return new Written(initializers, error, bytes);
    }

    /**
     * Writes {@code weight} quantized to 8 bits with one symmetric scale per index of {@code axis}
     * (1 for a MatMul [K, N] weight, 0 for Conv kernels and embedding tables):
     * {@code <name>_quantized}, {@code <name>_scale} and, for unsigned ranges, {@code <name>_zero_point}.
     */
    Written perChannel(TensorProto weight, int axis, Int8Range range) {
        String name = weight.getName();
        long[] dims = weight.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long total = InitializerData.elementCount(weight);
        int channels = Math.toIntExact(dims[axis]);
        long inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        // Rows are whole slices along the axis's index for axis 0, and rows of N for axis 1 of [K, N].
        int rowLength = Math.toIntExact(axis == 0 ? inner : dims[1]);
        int rows = Math.toIntExact(total / rowLength);
        int chunkRows = Math.max(1, Math.min(rows, CHUNK_ELEMENTS / rowLength));
        float[] buffer = new float[chunkRows * rowLength];
        float[] absMax = new float[channels];
        for (int r0 = 0; r0 < rows; r0 += chunkRows) {
            int count = Math.min(chunkRows, rows - r0);
            data.readFloats(weight, (long) r0 * rowLength, buffer, 0, count * rowLength);
            for (int r = 0; r < count; r++) {
                for (int c = 0; c < rowLength; c++) {
                    int channel = axis == 0 ? r0 + r : c;
                    absMax[channel] = Math.max(absMax[channel], Math.abs(buffer[r * rowLength + c]));
                }
            }
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = absMax[c] / range.maxLevel();
        }
        ChannelQuantizer quantizer = new ChannelQuantizer(range);
        TensorProto.DataType type = range.signed() ? TensorProto.DataType.INT8 : TensorProto.DataType.UINT8;
        ExternalDataWriter.Appender values = writer.begin(name + "_quantized", type.getNumber(), dims);
        ErrorStats error = new ErrorStats();
        byte[] quantizedChunk = new byte[chunkRows * rowLength];
        float[] dequantizedChunk = new float[chunkRows * rowLength];
        for (int r0 = 0; r0 < rows; r0 += chunkRows) {
            int count = Math.min(chunkRows, rows - r0);
            data.readFloats(weight, (long) r0 * rowLength, buffer, 0, count * rowLength);
            for (int r = 0; r < count; r++) {
                for (int c = 0; c < rowLength; c++) {
                    int i = r * rowLength + c;
                    float scale = scales[axis == 0 ? r0 + r : c];
                    int stored = quantizer.quantizeValue(buffer[i], scale);
                    quantizedChunk[i] = (byte) stored;
                    dequantizedChunk[i] = (stored - range.zeroPoint()) * scale;
                }
            }
            error.add(buffer, 0, dequantizedChunk, 0, count * rowLength);
            values.write(ByteBuffer.wrap(quantizedChunk, 0, count * rowLength));
        }
        List<TensorProto> initializers = new ArrayList<>();
        initializers.add(values.finish());
        initializers.add(writer.put(name + "_scale", TensorProto.DataType.FLOAT, new long[] {channels},
                floatBytes(scales)));
        long bytes = total + channels * 4L;
        if (range.zeroPoint() != 0) {
            byte[] zeroPoints = new byte[channels];
            java.util.Arrays.fill(zeroPoints, (byte) range.zeroPoint());
            initializers.add(writer.put(name + "_zero_point", type, new long[] {channels}, zeroPoints));
            bytes += channels;
        }
        return new Written(initializers, error, bytes);
    }

    /** Writes {@code weight} as {@code <name>_fp16}, FLOAT16 with round-to-nearest-even. */
    Written toFloat16(TensorProto weight) {
        long[] dims = weight.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long total = InitializerData.elementCount(weight);
        ExternalDataWriter.Appender values =
                writer.begin(weight.getName() + "_fp16", TensorProto.DataType.FLOAT16_VALUE, dims);
        ErrorStats error = new ErrorStats();
        float[] buffer = new float[(int) Math.min(total, CHUNK_ELEMENTS)];
        float[] rounded = new float[buffer.length];
        ByteBuffer bytes = ByteBuffer.allocate(buffer.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (long start = 0; start < total; start += buffer.length) {
            int count = (int) Math.min(buffer.length, total - start);
            data.readFloats(weight, start, buffer, 0, count);
            bytes.clear();
            for (int i = 0; i < count; i++) {
                short half = Fp16Conversions.floatToFp16(buffer[i]);
                rounded[i] = Fp16Conversions.fp16ToFloat(half);
                bytes.putShort(half);
            }
            error.add(buffer, 0, rounded, 0, count);
            values.write(bytes.flip());
        }
        return new Written(List.of(values.finish()), error, total * 2);
    }

    static byte[] floatBytes(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }
}
