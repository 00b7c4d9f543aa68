package io.magicvl.converter.graph;

/**
 * Read access to a checkpoint's tensors by name, converted to float. Implementations read
 * lazily (for example with positional reads of the checkpoint files), so a graph builder holds
 * only the part of one tensor it is working on.
 */
public interface Weights {
    /** Returns true if the checkpoint has a tensor called {@code name}. */
    boolean contains(String name);

    /**
     * Returns the shape of tensor {@code name}.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) if the tensor is missing
     */
    long[] shape(String name);

    /**
     * Reads {@code count} elements of {@code name}, starting at element {@code first} in
     * row-major order, into {@code destination[offset..]}.
     */
    void read(String name, long first, float[] destination, int offset, int count);
}
