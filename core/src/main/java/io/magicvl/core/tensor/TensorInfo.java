package io.magicvl.core.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's name, element type and shape, as listed in a checkpoint header.
 *
 * @param name the tensor name as stored in the file
 * @param dtype the element type
 * @param shape the dimensions, outermost first; empty for a scalar (one element)
 */
public record TensorInfo(String name, DType dtype, long[] shape) {
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape) + " of " + name);
            }
        }
    }

    /** Returns a copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Returns the number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** Returns dimension {@code axis}. */
    public long dim(int axis) {
        return shape[axis];
    }

    /**
     * Returns the product of the dimensions (1 for a scalar).
     *
     * @throws ArithmeticException if the product overflows a long
     */
    public long elementCount() {
        return elementCount(shape);
    }

    /** Returns the byte size of the data, {@code elementCount() * dtype.bytes()}. */
    public long byteSize() {
        return Math.multiplyExact(elementCount(), (long) dtype.bytes());
    }

    /** Returns true if the shape equals {@code expected}. */
    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }

    /** Returns the shape as text, for example {@code [151936, 2048]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    /** Returns the product of {@code shape}, throwing on overflow. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that
                && name.equals(that.name)
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeText();
    }
}
