package io.magicvl.converter.graph;

/**
 * What the decoder and embedding graphs need to know about a language model.
 *
 * @param prefix tensor name prefix of the decoder body, for example {@code language_model.model.}
 * @param lmHead name of the output projection tensor; for tied embeddings it is absent from the
 *     checkpoint and the graph derives it from the embedding table
 * @param tied true if the output projection reuses the embedding table
 * @param hidden hidden size
 * @param layers decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads
 * @param headDim head dimension (not always hidden / heads)
 * @param intermediate MLP width
 * @param vocab vocabulary size
 * @param rmsNormEps RMSNorm epsilon
 * @param ropeTheta RoPE base
 * @param qkvBias true if the q, k and v projections have biases (Qwen2.5)
 * @param qkNorm true if each query and key head is RMS-normalized before RoPE (Qwen3)
 */
public record DecoderSpec(
        String prefix,
        String lmHead,
        boolean tied,
        int hidden,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int intermediate,
        int vocab,
        double rmsNormEps,
        double ropeTheta,
        boolean qkvBias,
        boolean qkNorm) {
    public DecoderSpec {
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("Query heads (" + heads + ") must be a multiple of key/value heads ("
                    + kvHeads + ")");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("RoPE needs an even head dimension, got " + headDim);
        }
    }
}
