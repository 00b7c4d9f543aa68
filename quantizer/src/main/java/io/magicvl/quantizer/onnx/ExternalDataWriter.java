package io.magicvl.quantizer.onnx;

import com.google.protobuf.ByteString;
import io.magicvl.core.onnx.proto.Onnx.StringStringEntryProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends initializer bytes to one external data file, each tensor starting at a multiple of
 * 64 bytes, and returns initializers that refer to them. Tensors smaller than the inline limit
 * stay in the graph as raw_data.
 *
 * <p>Only one tensor may be streamed at a time (see {@link #begin}).
 */
public final class ExternalDataWriter implements TensorSink, AutoCloseable {
    /** Tensors start at multiples of this many bytes, so they can be memory-mapped and read with aligned loads. */
    public static final int ALIGNMENT = 64;
    /** Tensors with fewer bytes than this are kept inline. */
    public static final int DEFAULT_INLINE_LIMIT = 1024;

    private final FileChannel channel;
    private final String location;
    private final int inlineLimit;
    private long position;
    private Appender open;

    /**
     * Creates (or truncates) {@code file}; initializers name it by {@code location}, its path
     * relative to the graph file.
     */
    public ExternalDataWriter(Path file, String location, int inlineLimit) {
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
        this.location = location;
        this.inlineLimit = inlineLimit;
    }

    /** Returns the bytes written so far, padding included. */
    public long size() {
        return position;
    }

    @Override
    public TensorProto put(String name, TensorProto.DataType type, long[] dims, byte[] raw) {
        if (raw.length < inlineLimit) {
            return Protos.rawTensor(name, type, dims, raw);
        }
        Appender appender = begin(name, type.getNumber(), dims);
        appender.write(ByteBuffer.wrap(raw));
        return appender.finish();
    }

    /** Copies the stored bytes of {@code original} here and returns it pointing at the copy. */
    public TensorProto copy(TensorProto original, InitializerData data) {
        long length = InitializerData.byteLength(original);
        if (!InitializerData.isExternal(original) && length < inlineLimit) {
            return original;
        }
        Appender appender = begin(original.getName(), original.getDataType(), dimsOf(original));
        try {
            channel.position(position);
            data.copyTo(original, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy initializer " + original.getName(), e);
        }
        appender.written = length;
        position += length;
        return appender.finish(original.toBuilder());
    }

    /** Starts streaming one tensor; write its bytes in order, then call {@link Appender#finish()}. */
    public Appender begin(String name, int dataType, long[] dims) {
        if (open != null) {
            throw new IllegalStateException("Tensor " + open.name + " is still being written; finish it before "
                    + name);
        }
        pad();
        open = new Appender(name, dataType, dims, position);
        return open;
    }

    private void pad() {
        long padding = (ALIGNMENT - position % ALIGNMENT) % ALIGNMENT;
        if (padding > 0) {
            writeFully(ByteBuffer.allocate((int) padding));
        }
    }

    private void writeFully(ByteBuffer buffer) {
        try {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write external data " + location, e);
        }
    }

    private static long[] dimsOf(TensorProto tensor) {
        return tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** One tensor being streamed into the file. */
    public final class Appender {
        private final String name;
        private final int dataType;
        private final long[] dims;
        private final long offset;
        private long written;

        private Appender(String name, int dataType, long[] dims, long offset) {
            this.name = name;
            this.dataType = dataType;
            this.dims = dims;
            this.offset = offset;
        }

        /** Appends the remaining bytes of {@code bytes}. */
        public void write(ByteBuffer bytes) {
            written += bytes.remaining();
            writeFully(bytes);
        }

        /** Returns the initializer that refers to the bytes written. */
        public TensorProto finish() {
            TensorProto.Builder builder = TensorProto.newBuilder().setName(name).setDataType(dataType);
            for (long dim : dims) {
                builder.addDims(dim);
            }
            return finish(builder);
        }

        private TensorProto finish(TensorProto.Builder builder) {
            open = null;
            return builder
                    .setRawData(ByteString.EMPTY)
                    .clearExternalData()
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", location))
                    .addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Long.toString(written)))
                    .build();
        }
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close external data " + location, e);
        }
    }
}
