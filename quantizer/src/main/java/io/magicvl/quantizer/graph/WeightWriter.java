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
        // Whole blocks of rows are contiguous in the file, so the input is read sequentially.
        // The packed result (K x N x bits / 8 bytes) is kept until the end because its layout is
        // by column.
        int blockSize = quantizer.blockSize();
        int rowsPerChunk = Math.max(blockSize, CHUNK_ELEMENTS / n / blockSize * blockSize);
        BlockQuantized target = quantizer.allocate(k, n);
        ErrorStats error = new ErrorStats();
        float[] chunk = new float[Math.min(k, rowsPerChunk) * n];
        for (int r0 = 0; r0 < k; r0 += rowsPerChunk) {
            int count = Math.min(rowsPerChunk, k - r0);
            data.readFloats(weight, (long) r0 * n, chunk, 0, count * n);
            quantizer.quantizeRows(chunk, r0, count, target, error);
        }

        String name = weight.getName();
        int blocks = target.blocksPerColumn();
        List<TensorProto> initializers = new ArrayList<>();
        ExternalDataWriter.Appender packed = writer.begin(name + "_Q" + quantizer.bits(),
                TensorProto.DataType.UINT8_VALUE, new long[] {n, blocks, target.blobSize()});
        packed.write(ByteBuffer.wrap(target.packed()));
        initializers.add(packed.finish());
        initializers.add(writer.put(name + "_scales", TensorProto.DataType.FLOAT, new long[] {(long) n * blocks},
                floatBytes(target.scales())));
        long bytes = target.packed().length + target.scales().length * 4L;
        if (target.zeroPoints() != null) {
            initializers.add(writer.put(name + "_zero_points", TensorProto.DataType.UINT8,
                    new long[] {target.zeroPoints().length}, target.zeroPoints()));
            bytes += target.zeroPoints().length;
        }
        return new Written(initializers, error, bytes);
    }

    /**
     * Writes table {@code weight} [rows, D] block-quantized along D, in the GatherBlockQuantized
     * layout (the same bytes as MatMulNBits with one output channel per row):
     * {@code <name>_Q<bits>} [rows, D * bits / 8], {@code <name>_scales} [rows, blocks] and, when
     * asymmetric, {@code <name>_zero_points} [rows, bytes per row].
     */
    Written blockWiseRows(TensorProto weight, BlockQuantizer quantizer) {
        int rows = Math.toIntExact(weight.getDims(0));
        int d = Math.toIntExact(weight.getDims(1));
        int chunk = Math.max(1, Math.min(rows, CHUNK_ELEMENTS / d));
        String name = weight.getName();
        int bits = quantizer.bits();
        int blocks = BlockQuantized.blocksPerColumn(d, quantizer.blockSize());
        int blob = quantizer.blockSize() * bits / 8;
        float[] scales = new float[rows * blocks];
        int zeroPointBytesPerRow = BlockQuantized.zeroPointBytes(1, blocks, bits);
        byte[] zeroPoints = quantizer.symmetric() ? null : new byte[rows * zeroPointBytesPerRow];
        ErrorStats error = new ErrorStats();
        ExternalDataWriter.Appender packed = writer.begin(name + "_Q" + bits, TensorProto.DataType.UINT8_VALUE,
                new long[] {rows, (long) blocks * blob});
        float[] values = new float[d * chunk];
        for (int r0 = 0; r0 < rows; r0 += chunk) {
            int count = Math.min(chunk, rows - r0);
            data.readFloats(weight, (long) r0 * d, values, 0, count * d);
            float[] slice = count == chunk ? values : java.util.Arrays.copyOf(values, count * d);
            BlockQuantized quantized = quantizer.quantizeChannels(slice, d, count);
            error.add(slice, 0, quantized.dequantizeChannels(), 0, count * d);
            packed.write(ByteBuffer.wrap(quantized.packed()));
            System.arraycopy(quantized.scales(), 0, scales, r0 * blocks, count * blocks);
            if (zeroPoints != null) {
                System.arraycopy(quantized.zeroPoints(), 0, zeroPoints, r0 * zeroPointBytesPerRow,
                        count * zeroPointBytesPerRow);
            }
        }

        List<TensorProto> initializers = new ArrayList<>();
        initializers.add(packed.finish());
        initializers.add(writer.put(name + "_scales", TensorProto.DataType.FLOAT, new long[] {rows, blocks},
                floatBytes(scales)));
        long bytes = (long) rows * blocks * blob + scales.length * 4L;
        if (zeroPoints != null) {
            initializers.add(writer.put(name + "_zero_points", TensorProto.DataType.UINT8,
                    new long[] {rows, zeroPointBytesPerRow}, zeroPoints));
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
