package io.magicvl.core.onnx;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends tensor bytes to one external data file, each tensor starting at a multiple of
 * {@link #ALIGNMENT} bytes so that a runtime can memory-map it.
 */
final class ExternalDataWriter implements Closeable {
    /** Start offsets of tensors are multiples of this many bytes. */
    static final int ALIGNMENT = 64;

    private final Path path;
    private final FileChannel channel;
    private long position;

    ExternalDataWriter(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    /** Returns the number of bytes written so far, padding included. */
    long size() {
        return position;
    }

    /**
     * Writes {@code data} at the next aligned offset and returns that offset.
     *
     * @throws IllegalStateException if {@code data} wrote a different number of bytes than it declared
     */
    long append(String tensorName, TensorData data) throws IOException {
        long padding = (ALIGNMENT - position % ALIGNMENT) % ALIGNMENT;
        if (padding > 0) {
            writeFully(ByteBuffer.allocate((int) padding));
        }
        long start = position;
        data.writeTo(this::writeFully);
        long written = position - start;
        if (written != data.byteLength()) {
            throw new IllegalStateException("Initializer " + tensorName + " wrote " + written
                    + " bytes but declared " + data.byteLength());
        }
        return start;
    }

    private void writeFully(ByteBuffer chunk) throws IOException {
        while (chunk.hasRemaining()) {
            position += channel.write(chunk);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
