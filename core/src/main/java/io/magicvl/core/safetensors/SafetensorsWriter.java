package io.magicvl.core.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.magicvl.core.tensor.DType;
import io.magicvl.core.tensor.HalfFloats;
import io.magicvl.core.tensor.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one safetensors file deterministically, streaming each tensor's bytes so that large
 * checkpoints never sit in the heap.
 *
 * <p>The header lists tensors sorted by name, with {@code __metadata__} first when present,
 * and is padded with spaces to a multiple of 8 bytes. Data is laid out by descending element
 * size, then by name, as the reference writer does, so every tensor starts at a multiple of
 * its element size. The same tensors and metadata give the same bytes.
 *
 * <pre>{@code
 * new SafetensorsWriter()
 *         .metadata("format", "pt")
 *         .addFloats("w", DType.BF16, new long[] {2, 3}, values)
 *         .write(Path.of("model.safetensors"));
 * }</pre>
 */
public final class SafetensorsWriter {
    /** Writes exactly the tensor's byte size to {@code out}. */
    @FunctionalInterface
    public interface Body {
        void write(WritableByteChannel out) throws IOException;
    }

    /** Fills {@code destination[0..count)} with elements {@code first..first+count} of a tensor. */
    @FunctionalInterface
    public interface FloatFill {
        void fill(long firstElement, float[] destination, int count);
    }

    /** A tensor queued for writing. */
    public record Pending(TensorInfo info, Body body) {}

    private static final ObjectMapper HEADER_JSON = JsonMapper.builder().build();
    private static final int CHUNK_ELEMENTS = 1 << 20;

    private final Map<String, Pending> tensors = new TreeMap<>();
    private final Map<String, String> metadata = new TreeMap<>();

    /** Adds a {@code __metadata__} entry. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor whose bytes {@code body} streams when the file is written. */
    public SafetensorsWriter add(TensorInfo info, Body body) {
        if (info.name().equals("__metadata__")) {
            throw new IllegalArgumentException("'__metadata__' is reserved and cannot be a tensor name");
        }
        if (tensors.putIfAbsent(info.name(), new Pending(info, body)) != null) {
            throw new IllegalArgumentException("Tensor '" + info.name() + "' was added twice");
        }
        info.byteSize();
        return this;
    }

    /** Adds a tensor from its raw little-endian bytes. */
    public SafetensorsWriter addBytes(String name, DType dtype, long[] shape, byte[] data) {
        TensorInfo info = new TensorInfo(name, dtype, shape);
        if (info.byteSize() != data.length) {
            throw new IllegalArgumentException("Tensor '" + name + "' " + info.shapeText() + " " + dtype + " needs "
                    + info.byteSize() + " bytes, got " + data.length);
        }
        return add(info, out -> writeFully(out, ByteBuffer.wrap(data)));
    }

    /** Adds a tensor from float values, encoded to {@code dtype} (round to nearest even). */
    public SafetensorsWriter addFloats(String name, DType dtype, long[] shape, float[] values) {
        TensorInfo info = new TensorInfo(name, dtype, shape);
        if (info.elementCount() != values.length) {
            throw new IllegalArgumentException("Tensor '" + name + "' " + info.shapeText() + " has "
                    + info.elementCount() + " elements, got " + values.length + " values");
        }
        return addGenerated(name, dtype, shape,
                (first, destination, count) -> System.arraycopy(values, (int) first, destination, 0, count));
    }

    /** Adds a tensor whose float values {@code fill} produces chunk by chunk while writing. */
    public SafetensorsWriter addGenerated(String name, DType dtype, long[] shape, FloatFill fill) {
        TensorInfo info = new TensorInfo(name, dtype, shape);
        return add(info, generatedBody(info, fill));
    }

    /** Returns a body that encodes the values {@code fill} produces to {@code info}'s dtype. */
    public static Body generatedBody(TensorInfo info, FloatFill fill) {
        return out -> encode(info, fill, out);
    }

    /** Returns the queued tensors, sorted by name. */
    public Collection<Pending> pending() {
        return Collections.unmodifiableCollection(tensors.values());
    }

    /** Returns the total tensor bytes queued. */
    public long dataBytes() {
        long total = 0;
        for (Pending pending : tensors.values()) {
            total += pending.info().byteSize();
        }
        return total;
    }

    /**
     * Writes the file: to a temporary sibling first, then renamed to {@code file}, replacing
     * an existing file. Callers decide whether replacing is allowed.
     */
    public void write(Path file) {
        Path absolute = file.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(absolute.getParent());
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeTo(out);
            }
            makeReadable(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The write already failed; the leftover temporary file is harmless.
                }
            }
        }
    }

    /** Gives the file the usual rw-r--r-- mode; temporary files start as rw------- on POSIX systems. */
    static void makeReadable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Writes the whole file content (header and data) to {@code out}. */
    public void writeTo(WritableByteChannel out) throws IOException {
        List<Pending> layout = dataOrder();
        Map<String, long[]> offsets = new TreeMap<>();
        long position = 0;
        for (Pending pending : layout) {
            long size = pending.info().byteSize();
            offsets.put(pending.info().name(), new long[] {position, position + size});
            position += size;
        }
        byte[] header = headerBytes(offsets);
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
        writeFully(out, prefix);
        writeFully(out, ByteBuffer.wrap(header));
        for (Pending pending : layout) {
            CountingChannel counting = new CountingChannel(out);
            pending.body().write(counting);
            if (counting.count != pending.info().byteSize()) {
                throw new IllegalStateException("Tensor '" + pending.info().name() + "' wrote " + counting.count
                        + " bytes but " + pending.info().shapeText() + " " + pending.info().dtype() + " needs "
                        + pending.info().byteSize());
            }
        }
    }

    private List<Pending> dataOrder() {
        List<Pending> layout = new ArrayList<>(tensors.values());
        layout.sort(Comparator.comparingInt((Pending p) -> -p.info().dtype().bytes())
                .thenComparing(p -> p.info().name()));
        return layout;
    }

    private byte[] headerBytes(Map<String, long[]> offsets) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            root.put("__metadata__", metadata);
        }
        for (Map.Entry<String, long[]> entry : offsets.entrySet()) {
            TensorInfo info = tensors.get(entry.getKey()).info();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("dtype", info.dtype().safetensorsName());
            fields.put("shape", info.shape());
            fields.put("data_offsets", entry.getValue());
            root.put(entry.getKey(), fields);
        }
        try {
            byte[] json = HEADER_JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            // Pad so that 8 + header length is a multiple of 8 and the data buffer starts aligned.
            byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
            Arrays.fill(padded, json.length, padded.length, (byte) ' ');
            return padded;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize the safetensors header", e);
        }
    }

    private static void encode(TensorInfo info, FloatFill fill, WritableByteChannel out) throws IOException {
        DType dtype = info.dtype();
        long total = info.elementCount();
        int chunk = (int) Math.min(CHUNK_ELEMENTS, Math.max(1, total));
        float[] values = new float[chunk];
        ByteBuffer bytes = ByteBuffer.allocateDirect(chunk * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (long first = 0; first < total; first += chunk) {
            int count = (int) Math.min(chunk, total - first);
            fill.fill(first, values, count);
            bytes.clear();
            if (dtype == DType.BF16) {
                ShortBuffer shorts = bytes.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    shorts.put(i, HalfFloats.floatToBfloat16(values[i]));
                }
            } else if (dtype == DType.F32) {
                bytes.asFloatBuffer().put(values, 0, count);
            } else {
                for (int i = 0; i < count; i++) {
                    dtype.encode(bytes, i * dtype.bytes(), values[i]);
                }
            }
            bytes.limit(count * dtype.bytes());
            writeFully(out, bytes);
        }
    }

    static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** Counts the bytes a tensor body writes, to check it against the declared shape. */
    private static final class CountingChannel implements WritableByteChannel {
        private final WritableByteChannel delegate;
        private long count;

        CountingChannel(WritableByteChannel delegate) {
            this.delegate = delegate;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int n = delegate.write(source);
            count += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() {
            // The underlying channel belongs to the writer.
        }
    }
}
