package io.magicvl.converter.parity;

import io.magicvl.converter.graph.Weights;
import java.util.Set;

/**
 * A view of {@link Weights} in which the named vocabulary tables (embedding and output
 * projection) keep only their first {@code vocab} rows, so a quick parity check of a large
 * model needs neither the whole embedding table in the reference nor in ONNX Runtime.
 */
final class TruncatedWeights implements Weights {
    private final Weights base;
    private final Set<String> tables;
    private final long vocab;

    TruncatedWeights(Weights base, Set<String> tables, long vocab) {
        this.base = base;
        this.tables = tables;
        this.vocab = vocab;
    }

    @Override
    public boolean contains(String name) {
        return base.contains(name);
    }

    @Override
    public long[] shape(String name) {
        long[] shape = base.shape(name);
        if (tables.contains(name) && shape.length == 2 && shape[0] > vocab) {
            shape[0] = vocab;
        }
        return shape;
    }

    @Override
    public void read(String name, long first, float[] destination, int offset, int count) {
        long[] shape = shape(name);
        long total = 1;
        for (long dim : shape) {
            total *= dim;
        }
        if (first + count > total) {
            throw new IndexOutOfBoundsException("Elements [" + first + ", " + (first + count) + ") are outside "
                    + name + " truncated to " + vocab + " rows");
        }
        base.read(name, first, destination, offset, count);
    }
}
