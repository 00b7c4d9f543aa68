package io.magicvl.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;

/**
 * The decoder's key/value cache in two preallocated sets of direct buffers.
 *
 * <p>Each decoder call reads {@code past_key_values.N.*} from one set and ONNX Runtime writes
 * {@code present.N.*} (past plus new tokens) straight into the other set, bound as
 * preallocated outputs; then the sets swap roles. No cache memory is allocated per token: a
 * call only wraps the first {@code kv_heads x length x head_dim} floats of a buffer as a
 * tensor of shape {@code [1, kv_heads, length, head_dim]}.
 */
final class KvCache {
    private final OrtEnvironment environment;
    private final int layers;
    private final int kvHeads;
    private final int headDim;
    private FloatBuffer[][] sets = new FloatBuffer[2][];
    private int capacity;
    private int current;
    private int length;

    KvCache(OrtEnvironment environment, int layers, int kvHeads, int headDim) {
        this.environment = environment;
        this.layers = layers;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
    }

    /** Empties the cache and makes room for {@code tokens} tokens, reusing the buffers when large enough. */
    void reset(int tokens) {
        if (tokens > capacity) {
            long perBuffer = (long) kvHeads * tokens * headDim;
            sets = new FloatBuffer[2][];
            for (int s = 0; s < 2; s++) {
                sets[s] = new FloatBuffer[layers * 2];
                for (int i = 0; i < layers * 2; i++) {
                    sets[s][i] = DirectBuffers.floats(perBuffer);
                }
            }
            capacity = tokens;
        }
        current = 0;
        length = 0;
    }

    /** Returns the number of cached tokens. */
    int length() {
        return length;
    }

    int capacity() {
        return capacity;
    }

    /** Returns the bytes the two buffer sets take. */
    long bytes() {
        return 2L * layers * 2 * kvHeads * capacity * headDim * Float.BYTES;
    }

    /** Wraps buffer {@code index} (layer * 2 + 0 for keys, + 1 for values) of the past set. */
    OnnxTensor past(int index) throws OrtException {
        return wrap(sets[current][index], length);
    }

    /** Wraps buffer {@code index} of the other set with room for {@code newTokens} more tokens. */
    OnnxTensor present(int index, int newTokens) throws OrtException {
        if (length + newTokens > capacity) {
            throw new IllegalStateException("KV cache capacity is " + capacity + " tokens, but " + (length + newTokens) + " are needed");
        }
        return wrap(sets[1 - current][index], length + newTokens);
    }

    /** Makes the set just written the past, now {@code newTokens} tokens longer. */
    void advance(int newTokens) {
        current = 1 - current;
        length += newTokens;
    }

    private OnnxTensor wrap(FloatBuffer buffer, int tokens) throws OrtException {
        long count = (long) kvHeads * tokens * headDim;
        return OnnxTensor.createTensor(environment, DirectBuffers.view(buffer, 0, count),
                new long[] {1, kvHeads, tokens, headDim});
    }
}
