package io.magicvl.core.model;

import io.magicvl.core.tensor.TensorInfo;
import java.util.Arrays;

/**
 * A tensor that a config implies: its name, component, shape and whether it must be stored.
 *
 * @param name the stored tensor name
 * @param component the component it belongs to
 * @param shape the expected shape
 * @param init how synthetic checkpoints fill it
 * @param required false for tensors that may be absent (tied lm_head, unused pooling head)
 */
public record ExpectedTensor(String name, Component component, long[] shape, TensorRule.Init init, boolean required) {
    public ExpectedTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Returns the number of elements of the expected shape. */
    public long elementCount() {
        return TensorInfo.elementCount(shape);
    }

    /** Returns the shape as text, for example {@code [2048, 6144]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpectedTensor that
                && name.equals(that.name)
                && component == that.component
                && Arrays.equals(shape, that.shape)
                && init == that.init
                && required == that.required;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + shapeText() + " (" + component.id() + ")";
    }
}
