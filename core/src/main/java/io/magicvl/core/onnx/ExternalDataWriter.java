package io.magicvl.core.onnx;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Appends tensor bytes to one external data file, each tensor starting at a multiple of
 * {@link #ALIGNMENT} bytes so that a runtime can memory-map it.
 */
final class ExternalDataWriter implements Closeable {
    /** Start offsets of tensors are multiples of this many bytes. */
    static final int ALIGNMENT = 64;
    /** Largest slice handed to the channel at once, which bounds the JDK's temporary direct buffer. */
    private static final int SLICE = 4 << 20;

    private final Path path;
    private final FileChannel channel;
    private final MessageDigest digest;
    private long position;

    ExternalDataWriter(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Returns the SHA-256 of every byte written so far, as lower-case hex. */
    String sha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
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
        int end = chunk.limit();
        while (chunk.position() < end) {
            ByteBuffer slice = chunk.duplicate();
            slice.limit(Math.min(end, chunk.position() + SLICE));
            ByteBuffer hashed = slice.duplicate();
            while (slice.hasRemaining()) {
                position += channel.write(slice);
            }
            digest.update(hashed);
            chunk.position(slice.position());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
