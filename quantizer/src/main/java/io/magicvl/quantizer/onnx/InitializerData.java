package io.magicvl.quantizer.onnx;

import ai.onnxruntime.platform.Fp16Conversions;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.proto.Onnx.StringStringEntryProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the element data of a graph's initializers, inline or in external data files, a slice
 * at a time so that weights larger than the heap can be processed.
 *
 * <p>Float elements are returned as fp32 whatever their stored type (FLOAT, FLOAT16 or BFLOAT16).
 */
public final class InitializerData implements AutoCloseable {
    private final Path folder;
    private final Map<String, FileChannel> channels = new HashMap<>();

    /** Reads external data relative to {@code folder}, the folder of the graph file. */
    public InitializerData(Path folder) {
        this.folder = folder;
    }

    /** Returns whether {@code tensor} stores its bytes in an external file. */
    public static boolean isExternal(TensorProto tensor) {
        return tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    /** Returns the number of elements of {@code tensor}. */
    public static long elementCount(TensorProto tensor) {
        long count = 1;
        for (long dim : tensor.getDimsList()) {
            count *= dim;
        }
        return count;
    }

    /** Returns whether {@code tensor} holds FLOAT, FLOAT16 or BFLOAT16 elements. */
    public static boolean isFloat(TensorProto tensor) {
        int type = tensor.getDataType();
        return type == TensorProto.DataType.FLOAT_VALUE
                || type == TensorProto.DataType.FLOAT16_VALUE
                || type == TensorProto.DataType.BFLOAT16_VALUE;
    }

    /** Returns the bytes per element of a FLOAT, FLOAT16 or BFLOAT16 tensor. */
    static int floatElementSize(TensorProto tensor) {
        return tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE ? 4 : 2;
    }

    /** Returns all elements of a float tensor as fp32. */
    public float[] readFloats(TensorProto tensor) {
        float[] out = new float[Math.toIntExact(elementCount(tensor))];
        readFloats(tensor, 0, out, 0, out.length);
        return out;
    }

    /**
     * Reads {@code count} elements starting at element {@code start} (row-major) into
     * {@code dst[dstOffset..]}.
     */
    public void readFloats(TensorProto tensor, long start, float[] dst, int dstOffset, int count) {
        if (!isFloat(tensor)) {
            throw new IllegalArgumentException("Initializer " + tensor.getName() + " is not a float tensor (type "
                    + tensor.getDataType() + ")");
        }
        if (tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE && tensor.getFloatDataCount() > 0) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = tensor.getFloatData(Math.toIntExact(start + i));
            }
            return;
        }
        int size = floatElementSize(tensor);
        ByteBuffer bytes = readBytes(tensor, start * size, (long) count * size);
        decode(tensor.getDataType(), bytes, dst, dstOffset, count);
    }

    /**
     * Reads columns [n0, n1) of rows [k0, k1) of a 2-D float tensor into {@code dst} as a
     * [k1 - k0, n1 - n0] row-major block.
     */
    public void readBlock(TensorProto tensor, int k0, int k1, int n0, int n1, float[] dst) {
        long columns = tensor.getDims(1);
        int width = n1 - n0;
        if (width == columns) {
            readFloats(tensor, k0 * columns, dst, 0, (k1 - k0) * width);
            return;
        }
        for (int k = k0; k < k1; k++) {
            readFloats(tensor, k * columns + n0, dst, (k - k0) * width, width);
        }
    }

    /** Returns the raw element bytes of a tensor stored as raw_data or external data (little-endian). */
    public ByteBuffer readBytes(TensorProto tensor, long byteOffset, long byteCount) {
        if (byteCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Cannot read " + byteCount + " bytes at once from " + tensor.getName());
        }
        if (!isExternal(tensor)) {
            if (tensor.getRawData().isEmpty() && byteCount > 0) {
                throw MagicvlException.invalidInput("Initializer " + tensor.getName()
                        + " stores its values in a typed field the quantizer does not read; re-export it with raw_data.");
            }
            return tensor.getRawData()
                    .substring(Math.toIntExact(byteOffset), Math.toIntExact(byteOffset + byteCount))
                    .asReadOnlyByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        External location = external(tensor);
        ByteBuffer buffer = ByteBuffer.allocate((int) byteCount).order(ByteOrder.LITTLE_ENDIAN);
        try {
            FileChannel channel = channel(location.location());
            long position = location.offset() + byteOffset;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    throw MagicvlException.invalidInput("External data of " + tensor.getName() + " in "
                            + folder.resolve(location.location()) + " ends before byte " + (position + byteCount)
                            + "; the export folder is incomplete.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder.resolve(location.location()), e);
        }
        return buffer.flip();
    }

    /** Returns the stored byte length of a raw or external tensor. */
    public static long byteLength(TensorProto tensor) {
        if (isExternal(tensor)) {
            return external(tensor).length();
        }
        return tensor.getRawData().size();
    }

    /** Copies all stored bytes of {@code tensor} to {@code out}. */
    public void copyTo(TensorProto tensor, WritableByteChannel out) throws IOException {
        if (!isExternal(tensor)) {
            out.write(tensor.getRawData().asReadOnlyByteBuffer());
            return;
        }
        External location = external(tensor);
        FileChannel channel = channel(location.location());
        long done = 0;
        while (done < location.length()) {
            long moved = channel.transferTo(location.offset() + done, location.length() - done, out);
            if (moved <= 0) {
                throw MagicvlException.invalidInput("External data of " + tensor.getName() + " in "
                        + folder.resolve(location.location()) + " is shorter than its declared length "
                        + location.length() + "; the export folder is incomplete.");
            }
            done += moved;
        }
    }

    /** The external-data entries of a tensor. */
    record External(String location, long offset, long length) {}

    static External external(TensorProto tensor) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto entry : tensor.getExternalDataList()) {
            switch (entry.getKey()) {
                case "location" -> location = entry.getValue();
                case "offset" -> offset = Long.parseLong(entry.getValue());
                case "length" -> length = Long.parseLong(entry.getValue());
                default -> { }
            }
        }
        if (location == null) {
            throw MagicvlException.invalidInput("Initializer " + tensor.getName()
                    + " is marked external but has no location entry.");
        }
        if (length < 0) {
            length = elementCount(tensor) * elementSize(tensor.getDataType());
        }
        return new External(location, offset, length);
    }

    /** Returns the bytes per element of a data type with whole-byte elements. */
    static long elementSize(int dataType) {
        return switch (dataType) {
            case TensorProto.DataType.FLOAT_VALUE, TensorProto.DataType.INT32_VALUE,
                    TensorProto.DataType.UINT32_VALUE -> 4;
            case TensorProto.DataType.FLOAT16_VALUE, TensorProto.DataType.BFLOAT16_VALUE,
                    TensorProto.DataType.INT16_VALUE, TensorProto.DataType.UINT16_VALUE -> 2;
            case TensorProto.DataType.INT64_VALUE, TensorProto.DataType.DOUBLE_VALUE,
                    TensorProto.DataType.UINT64_VALUE -> 8;
            default -> 1;
        };
    }

    private FileChannel channel(String location) throws IOException {
        FileChannel channel = channels.get(location);
        if (channel == null) {
            Path file = folder.resolve(location).normalize();
            if (!file.startsWith(folder.normalize())) {
                throw MagicvlException.invalidInput("External data location " + location + " leaves the folder "
                        + folder + "; locations must be relative paths inside it.");
            }
            if (!Files.isRegularFile(file)) {
                throw MagicvlException.invalidInput("External data file not found: " + file
                        + ". Keep each .onnx.data file beside the graph that names it.");
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
            channels.put(location, channel);
        }
        return channel;
    }

    private static void decode(int dataType, ByteBuffer bytes, float[] dst, int offset, int count) {
        switch (dataType) {
            case TensorProto.DataType.FLOAT_VALUE -> bytes.asFloatBuffer().get(dst, offset, count);
            case TensorProto.DataType.FLOAT16_VALUE -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = Fp16Conversions.fp16ToFloat(bytes.getShort(2 * i));
                }
            }
            case TensorProto.DataType.BFLOAT16_VALUE -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = Float.intBitsToFloat((bytes.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            default -> throw new IllegalArgumentException("Not a float data type: " + dataType);
        }
    }

    @Override
    public void close() {
        for (FileChannel channel : channels.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        channels.clear();
    }
}
