package io.magicvl.core.tensor;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the tensors of a checkpoint, one tensor at a time and without loading the
 * whole checkpoint into the heap.
 *
 * <p>Implementations are safe for concurrent reads from several threads. Reads go through
 * positional file reads, so the resident set stays bounded by the caller's buffers; {@link
 * #map} gives a memory-mapped window for callers that want zero-copy access. All byte data is
 * little-endian, row-major, exactly as stored.
 */
public interface TensorSource extends AutoCloseable {
    /** Largest element count that fits a Java array. */
    long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    /** Returns a human-readable location for messages, for example the folder path. */
    String location();

    /** Returns every tensor, sorted by name. */
    List<TensorInfo> tensors();

    /** Returns the tensor called {@code name}, if present. */
    Optional<TensorInfo> find(String name);

    /** Returns the file that stores {@code name}. */
    Path fileOf(String name);

    /**
     * Reads {@code destination.remaining()} bytes of tensor {@code name}, starting at byte
     * {@code firstByte} of the tensor's data, into {@code destination}.
     *
     * @throws IndexOutOfBoundsException if the range leaves the tensor
     */
    void readRaw(String name, long firstByte, ByteBuffer destination);

    /**
     * Maps {@code length} bytes of tensor {@code name} from {@code firstByte} read-only, as a
     * little-endian buffer. The mapping stays valid after {@link #close}; Java 17 unmaps it
     * only when the buffer is garbage-collected, so map windows, not whole files.
     */
    ByteBuffer map(String name, long firstByte, int length);

    /** Releases the open files. Buffers returned by {@link #map} remain readable. */
    @Override
    void close();

    /** Returns true if the source has a tensor called {@code name}. */
    default boolean contains(String name) {
        return find(name).isPresent();
    }

    /**
     * Returns the tensor called {@code name}.
     *
     * @throws MagicvlException (invalid input) naming the tensor and the checkpoint
     */
    default TensorInfo info(String name) {
        return find(name).orElseThrow(() -> MagicvlException.invalidInput("Tensor '" + name + "' not found in "
                + location() + " (it has " + tensors().size() + " tensors). Check the tensor name or the checkpoint."));
    }

    /** Streams all bytes of tensor {@code name} to {@code out} and returns the byte count. */
    default long copyRaw(String name, WritableByteChannel out) {
        long size = info(name).byteSize();
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.max(1, Math.min(size, 8L << 20)));
        long done = 0;
        try {
            while (done < size) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), size - done));
                readRaw(name, done, buffer);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                done += buffer.limit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy tensor " + name + " from " + location(), e);
        }
        return size;
    }

    /** Returns all bytes of tensor {@code name}; it must be smaller than 2 GiB. */
    default byte[] readBytes(String name) {
        TensorInfo info = info(name);
        long size = info.byteSize();
        if (size > MAX_ARRAY_ELEMENTS) {
            throw MagicvlException.invalidInput("Tensor '" + name + "' in " + location() + " has " + size
                    + " bytes, too many for one Java array. Read it in pieces with readRaw.");
        }
        byte[] bytes = new byte[(int) size];
        readRaw(name, 0, ByteBuffer.wrap(bytes));
        return bytes;
    }

    /**
     * Returns all elements of tensor {@code name} converted to float (exact for F32, F16, BF16
     * and F8; F64 and integers round to the nearest float).
     *
     * @throws MagicvlException (invalid input) if the tensor has more than 2^31-9 elements
     */
    default float[] readFloats(String name) {
        TensorInfo info = info(name);
        long count = info.elementCount();
        if (count > MAX_ARRAY_ELEMENTS) {
            throw MagicvlException.invalidInput("Tensor '" + name + "' in " + location() + " has " + count
                    + " elements, too many for one float[]. Read it in pieces with readFloats(name, first, dst, off, count).");
        }
        float[] values = new float[(int) count];
        readFloats(name, 0, values, 0, values.length);
        return values;
    }

    /**
     * Reads {@code count} elements of tensor {@code name}, starting at element {@code
     * firstElement} in row-major order, converted to float, into {@code destination[offset..]}.
     */
    default void readFloats(String name, long firstElement, float[] destination, int offset, int count) {
        TensorInfo info = info(name);
        if (firstElement < 0 || count < 0 || firstElement + count > info.elementCount()) {
            throw new IndexOutOfBoundsException("Elements [" + firstElement + ", " + (firstElement + count)
                    + ") are outside tensor " + info);
        }
        FloatDecoding.read(this, info, firstElement, destination, offset, count);
    }
}
