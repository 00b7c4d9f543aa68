package io.magicvl.converter.reference;

import io.magicvl.core.tensor.TensorSource;
import java.util.Map;
import java.util.Objects;

/**
 * Read access to checkpoint tensors by name, decoded to float32 in row-major order.
 *
 * <p>The reference reads every weight through this interface so that the backing store (a
 * safetensors checkpoint, or weights built in a test) can change without touching the math.
 */
public interface WeightSource {

    /**
     * Returns the tensor {@code name} as float32 values in row-major order.
     *
     * @throws IllegalArgumentException if the tensor does not exist
     */
    float[] floats(String name);

    /** Returns whether a tensor called {@code name} exists. */
    boolean contains(String name);

    /** Returns a source backed by an in-memory map (the arrays are not copied). */
    static WeightSource of(Map<String, float[]> tensors) {
        Objects.requireNonNull(tensors, "tensors");
        return new WeightSource() {
            @Override
            public float[] floats(String name) {
                float[] values = tensors.get(name);
                if (values == null) {
                    throw new IllegalArgumentException("Tensor not found: " + name);
                }
                return values;
            }

            @Override
            public boolean contains(String name) {
                return tensors.containsKey(name);
            }
        };
    }

    /**
     * Returns a source that reads {@code tensors} (a checkpoint or a safetensors file), decoding
     * every dtype to float32. The source stays open; the caller closes it.
     */
    static WeightSource of(TensorSource tensors) {
        Objects.requireNonNull(tensors, "tensors");
        return new WeightSource() {
            @Override
            public float[] floats(String name) {
                return tensors.readFloats(name);
            }

            @Override
            public boolean contains(String name) {
                return tensors.contains(name);
            }
        };
    }
}
