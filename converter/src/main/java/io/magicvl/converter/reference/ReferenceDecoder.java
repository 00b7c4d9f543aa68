package io.magicvl.converter.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Reference decoder with a KV cache: embedding lookup, Qwen2/2.5/3 or InternLM2 layers,
 * final RMSNorm and the output projection (tied to the embeddings when the checkpoint has
 * no separate head).
 *
 * <p>Typical use: {@link #prefill} the prompt embeddings, then call {@link #step} once per
 * new token. Positions continue from {@link #cacheLength()}. An instance owns the cache, so
 * it is not thread-safe; create one per sequence or call {@link #reset()}.
 */
public final class ReferenceDecoder {
    private final DecoderSpec spec;
    private final float[] embeddings;
    private final float[] lmHead;
    private final boolean tied;
    private final float[] finalNorm;
    private final List<DecoderLayer> layers = new ArrayList<>();

    /**
     * Loads the decoder weights named by {@code spec}.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) if a tensor is missing or has
     *     the wrong size
     */
    public ReferenceDecoder(DecoderSpec spec, WeightSource weights) {
        this.spec = spec;
        long tableSize = (long) spec.vocabSize() * spec.hiddenSize();
        embeddings = Tensors.read(weights, spec.embeddingName(), tableSize);
        tied = !weights.contains(spec.lmHeadName());
        lmHead = tied ? embeddings : Tensors.read(weights, spec.lmHeadName(), tableSize);
        finalNorm = Tensors.read(weights, spec.prefix() + "norm.weight", spec.hiddenSize());
        Rope rope = new Rope(spec.headDim(), spec.ropeTheta());
        for (int i = 0; i < spec.layers(); i++) {
            layers.add(new DecoderLayer(spec, rope, weights, i));
        }
    }

    public DecoderSpec spec() {
        return spec;
    }

    /** Returns whether the output projection reuses the embedding table. */
    public boolean tiedEmbeddings() {
        return tied;
    }

    /** Returns the number of cached positions, which is also the position of the next token. */
    public int cacheLength() {
        return layers.isEmpty() ? 0 : layers.get(0).cacheLength();
    }

    /** Empties the KV cache. */
    public void reset() {
        layers.forEach(DecoderLayer::clearCache);
    }

    /**
     * Looks up token embeddings.
     *
     * @return [L][D], fresh copies of the table rows
     * @throws IllegalArgumentException if an id is outside [0, vocabSize)
     */
    public float[][] embed(long[] ids) {
        int d = spec.hiddenSize();
        float[][] out = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            long id = ids[i];
            if (id < 0 || id >= spec.vocabSize()) {
                throw new IllegalArgumentException("Token id " + id + " at position " + i
                        + " is outside the vocabulary of " + spec.vocabSize());
            }
            out[i] = java.util.Arrays.copyOfRange(embeddings, (int) id * d, (int) id * d + d);
        }
        return out;
    }

    /**
     * Looks up token embeddings and replaces the rows of {@code imageContextId} placeholders,
     * in order, with {@code imageTokens}.
     *
     * @param imageTokens [N][D] where N is the number of placeholders
     * @return [L][D]
     * @throws IllegalArgumentException if the placeholder count differs from N
     */
    public float[][] embed(long[] ids, long imageContextId, float[][] imageTokens) {
        float[][] out = embed(ids);
        int next = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == imageContextId) {
                if (next >= imageTokens.length) {
                    throw new IllegalArgumentException("The prompt has more than "
                            + imageTokens.length + " image placeholders (id " + imageContextId + ")");
                }
                out[i] = imageTokens[next++].clone();
            }
        }
        if (next != imageTokens.length) {
            throw new IllegalArgumentException("The prompt has " + next + " image placeholders (id "
                    + imageContextId + ") but " + imageTokens.length + " image tokens were given");
        }
        return out;
    }

    /**
     * Runs new embeddings through the decoder, appending them to the cache.
     *
     * @param embeds [L][D] at positions cacheLength()..cacheLength()+L-1
     * @return logits [L][V] of every new position
     */
    public float[][] forward(float[][] embeds) {
        float[][] hidden = runLayers(embeds);
        float[][] logits = new float[hidden.length][];
        for (int s = 0; s < hidden.length; s++) {
            logits[s] = logits(hidden[s]);
        }
        return logits;
    }

    /**
     * Runs a prompt (appending it to the cache) and returns the logits of its last position.
     *
     * @param embeds [L][D], L at least 1
     * @return logits [V]
     */
    public float[] prefill(float[][] embeds) {
        if (embeds.length == 0) {
            throw new IllegalArgumentException("The prompt is empty");
        }
        float[][] hidden = runLayers(embeds);
        return logits(hidden[hidden.length - 1]);
    }

    /**
     * Runs one token at position cacheLength() (appending it to the cache).
     *
     * @param embed [D]
     * @return logits [V]
     */
    public float[] step(float[] embed) {
        return prefill(new float[][] {embed});
    }

    /**
     * Decodes greedily after a prompt: the cache is reset, the prompt is prefilled, and then
     * the highest-scoring token (the first one on ties) is fed back until a stop token or
     * {@code maxNewTokens}.
     *
     * @return generated ids without the stop token
     */
    public long[] generateGreedy(float[][] promptEmbeds, int maxNewTokens, IntPredicate isStop) {
        reset();
        float[] logits = prefill(promptEmbeds);
        List<Long> generated = new ArrayList<>();
        while (generated.size() < maxNewTokens) {
            int next = ParityStats.argmax(logits);
            if (isStop.test(next)) {
                break;
            }
            generated.add((long) next);
            if (generated.size() == maxNewTokens) {
                break;
            }
            logits = step(embed(new long[] {next})[0]);
        }
        return generated.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Returns the cached keys of layer {@code layer} as [kvHeads, T, headDim] (after QK-norm and
     * RoPE), the layout of the decoder graph's {@code present.N.key} output without the batch.
     */
    public float[] presentKeys(int layer) {
        return layers.get(layer).present(true);
    }

    /** Returns the cached values of layer {@code layer} as [kvHeads, T, headDim]. */
    public float[] presentValues(int layer) {
        return layers.get(layer).present(false);
    }

    private float[][] runLayers(float[][] embeds) {
        int d = spec.hiddenSize();
        float[][] x = new float[embeds.length][];
        for (int s = 0; s < embeds.length; s++) {
            if (embeds[s].length != d) {
                throw new IllegalArgumentException("Embedding row " + s + " has " + embeds[s].length
                        + " values, expected the hidden size " + d);
            }
            x[s] = embeds[s].clone();
        }
        for (DecoderLayer layer : layers) {
            layer.forward(x);
        }
        return x;
    }

    private float[] logits(float[] hidden) {
        float[] normed = TensorMath.rmsNorm(hidden, finalNorm, spec.rmsNormEps());
        return TensorMath.linear(normed, lmHead, null, spec.vocabSize());
    }
}
