package io.magicvl.converter.graph;

import io.magicvl.core.MagicvlException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Random tensors held in memory, for graph tests that need no checkpoint file. */
final class MemoryWeights implements Weights {
    private final Map<String, float[]> values = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Random random;

    MemoryWeights(long seed) {
        this.random = new Random(seed);
    }

    /** Adds a tensor of Gaussian values with standard deviation {@code scale}. */
    MemoryWeights add(String name, double scale, long... shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * scale);
        }
        values.put(name, data);
        shapes.put(name, shape.clone());
        return this;
    }

    /** Adds a tensor of ones plus Gaussian noise (norm weights, layer scale). */
    MemoryWeights addNearOne(String name, long... shape) {
        add(name, 0.1, shape);
        float[] data = values.get(name);
        for (int i = 0; i < data.length; i++) {
            data[i] += 1f;
        }
        return this;
    }

    @Override
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        long[] shape = shapes.get(name);
        if (shape == null) {
            throw MagicvlException.invalidInput("Tensor '" + name + "' not found");
        }
        return shape.clone();
    }

    @Override
    public void read(String name, long first, float[] destination, int offset, int count) {
        shape(name);
        System.arraycopy(values.get(name), (int) first, destination, offset, count);
    }
}
