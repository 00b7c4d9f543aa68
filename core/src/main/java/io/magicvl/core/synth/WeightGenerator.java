package io.magicvl.core.synth;

import io.magicvl.core.model.ExpectedTensor;
import io.magicvl.core.safetensors.SafetensorsWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic weights for one tensor. Values depend only on the seed, the tensor
 * name and the element index (each block of 4096 elements has its own generator), so any
 * chunking of the writes gives the same bytes.
 *
 * <p>Linear weights are normal with standard deviation 1/sqrt(fan_in), which keeps each
 * layer's output variance near its input variance; tables are normal with standard deviation
 * 0.02; norm weights are 1, biases 0 and InternViT layer-scale vectors 0.1.
 */
final class WeightGenerator implements SafetensorsWriter.FloatFill {
    private static final int BLOCK = 4096;

    private final ExpectedTensor tensor;
    private final long tensorSeed;
    private final double std;

    WeightGenerator(long seed, ExpectedTensor tensor) {
        this.tensor = tensor;
        this.tensorSeed = mix(seed ^ fnv1a(tensor.name()));
        long[] shape = tensor.shape();
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        this.std = switch (tensor.init()) {
            case LINEAR -> 1.0 / Math.sqrt(Math.max(1, fanIn));
            case EMBEDDING -> 0.02;
            default -> 0.0;
        };
    }

    @Override
    public void fill(long firstElement, float[] destination, int count) {
        switch (tensor.init()) {
            case ONES:
                Arrays.fill(destination, 0, count, 1f);
                return;
            case ZEROS:
                Arrays.fill(destination, 0, count, 0f);
                return;
            case LAYER_SCALE:
                Arrays.fill(destination, 0, count, 0.1f);
                return;
            default:
                break;
        }
        int done = 0;
        while (done < count) {
            long element = firstElement + done;
            long block = element / BLOCK;
            int skip = (int) (element % BLOCK);
            SplittableRandom random = new SplittableRandom(mix(tensorSeed + block));
            for (int i = 0; i < skip; i++) {
                random.nextGaussian();
            }
            int n = Math.min(BLOCK - skip, count - done);
            for (int i = 0; i < n; i++) {
                destination[done + i] = (float) (random.nextGaussian() * std);
            }
            done += n;
        }
    }

    /** 64-bit FNV-1a of the UTF-8 name: stable across JVMs, unlike identity hashes. */
    private static long fnv1a(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** Mixes bits with the MurmurHash3 finalizer, which spreads nearby seeds apart. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
