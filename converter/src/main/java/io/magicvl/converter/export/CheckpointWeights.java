package io.magicvl.converter.export;

import io.magicvl.converter.graph.Weights;
import io.magicvl.core.tensor.TensorSource;

/** {@link Weights} over a checkpoint's tensors, read with positional reads piece by piece. */
public final class CheckpointWeights implements Weights {
    private final TensorSource source;

    public CheckpointWeights(TensorSource source) {
        this.source = source;
    }

    @Override
    public boolean contains(String name) {
        return source.contains(name);
    }

    @Override
    public long[] shape(String name) {
        return source.info(name).shape();
    }

    @Override
    public void read(String name, long first, float[] destination, int offset, int count) {
        source.readFloats(name, first, destination, offset, count);
    }
}
