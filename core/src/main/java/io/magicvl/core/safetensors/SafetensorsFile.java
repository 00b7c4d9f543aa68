package io.magicvl.core.safetensors;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.tensor.TensorInfo;
import io.magicvl.core.tensor.TensorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One safetensors file, validated completely when opened and read lazily per tensor.
 *
 * <p>Opening reads only the header. Every check of the safetensors format is done then
 * (header size, JSON syntax, duplicate names, dtypes, byte sizes, offsets covering the data
 * buffer exactly), so a file that opens is safe to read. Reads use positional {@link
 * FileChannel} reads and are safe from several threads.
 */
public final class SafetensorsFile implements TensorSource {
    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, SafetensorsHeader header) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.header = header;
    }

    /**
     * Opens and validates {@code path}.
     *
     * @throws MagicvlException (invalid input) naming the file, the tensor and the problem
     */
    public static SafetensorsFile open(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw MagicvlException.invalidInput("Safetensors file not found: " + path + ". Check the path.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + path, e);
        }
        try {
            long fileSize = channel.size();
            long headerLength = SafetensorsHeader.readHeaderLength(path, channel, fileSize);
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8, path);
            SafetensorsHeader header = SafetensorsHeader.parse(path, headerBytes.array(), fileSize - 8 - headerLength);
            return new SafetensorsFile(path, channel, 8 + headerLength, header);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot read " + path, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Returns the file path. */
    public Path path() {
        return path;
    }

    /** Returns the {@code __metadata__} map (empty if absent). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Returns the absolute file offset where the data buffer starts (8 + header length). */
    public long dataStart() {
        return dataStart;
    }

    /** Returns the byte offset of {@code name}'s data relative to the data buffer. */
    public long dataOffset(String name) {
        return entry(name).begin();
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public List<TensorInfo> tensors() {
        return header.tensors();
    }

    @Override
    public Optional<TensorInfo> find(String name) {
        SafetensorsHeader.Entry entry = header.entries().get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.info());
    }

    @Override
    public Path fileOf(String name) {
        entry(name);
        return path;
    }

    @Override
    public void readRaw(String name, long firstByte, ByteBuffer destination) {
        SafetensorsHeader.Entry entry = entry(name);
        long length = destination.remaining();
        checkRange(entry, firstByte, length);
        try {
            readFully(channel, destination, dataStart + entry.begin() + firstByte, path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read tensor " + name + " from " + path, e);
        }
    }

    @Override
    public ByteBuffer map(String name, long firstByte, int length) {
        SafetensorsHeader.Entry entry = entry(name);
        checkRange(entry, firstByte, length);
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin() + firstByte, length)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot map tensor " + name + " of " + path, e);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private SafetensorsHeader.Entry entry(String name) {
        SafetensorsHeader.Entry entry = header.entries().get(name);
        if (entry == null) {
            info(name);
        }
        return entry;
    }

    private static void checkRange(SafetensorsHeader.Entry entry, long firstByte, long length) {
        long size = entry.end() - entry.begin();
        if (firstByte < 0 || length < 0 || firstByte > size - length) {
            throw new IndexOutOfBoundsException("Bytes [" + firstByte + ", " + (firstByte + length)
                    + ") are outside tensor " + entry.info() + " of " + size + " bytes");
        }
    }

    static void readFully(FileChannel channel, ByteBuffer destination, long position, Path path) throws IOException {
        long at = position;
        while (destination.hasRemaining()) {
            int n = channel.read(destination, at);
            if (n < 0) {
                throw MagicvlException.invalidInput(path + " ended at byte " + at
                        + " while reading; the file was truncated or changed after it was opened.");
            }
            at += n;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a read-only channel cannot lose data.
        }
    }

    /** Returns the names sorted, for callers that list tensors. */
    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(header.entries().keySet()));
    }
}
