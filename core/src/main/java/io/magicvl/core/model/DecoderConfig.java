package io.magicvl.core.model;

import java.util.Map;

/**
 * Hyperparameters of the language decoder, with transformers' defaults filled in for missing
 * keys.
 *
 * @param kind Qwen3, Qwen2 (also Qwen2.5) or InternLM2
 * @param vocabSize rows of the embedding table and the lm_head
 * @param hiddenSize model width
 * @param intermediateSize MLP width
 * @param numLayers decoder layers
 * @param numHeads query heads
 * @param numKvHeads key/value heads (grouped-query attention)
 * @param headDim per-head width (Qwen3 may differ from hidden / heads)
 * @param hiddenAct MLP activation ({@code silu})
 * @param rmsNormEps RMSNorm epsilon
 * @param ropeTheta RoPE base
 * @param ropeScaling {@code rope_scaling} as stored, or an empty map when null
 * @param maxPositionEmbeddings maximum context the model was trained for
 * @param tieWordEmbeddings whether the lm_head reuses the embedding table
 * @param qkvBias whether q, k and v projections have biases
 * @param outputBias whether the attention output projection has a bias
 * @param qkNorm whether each head's q and k go through RMSNorm before RoPE (Qwen3)
 * @param bosTokenId {@code bos_token_id}, or -1
 * @param eosTokenId {@code eos_token_id} (the first one if a list), or -1
 */
public record DecoderConfig(
        Kind kind,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        String hiddenAct,
        double rmsNormEps,
        double ropeTheta,
        Map<String, Object> ropeScaling,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        boolean qkvBias,
        boolean outputBias,
        boolean qkNorm,
        int bosTokenId,
        int eosTokenId) {

    /** The decoder families magicvl reads. */
    public enum Kind {
        QWEN3("qwen3"),
        QWEN2("qwen2"),
        INTERNLM2("internlm2");

        private final String modelType;

        Kind(String modelType) {
            this.modelType = modelType;
        }

        /** Returns the {@code model_type} value of this family. */
        public String modelType() {
            return modelType;
        }
    }

    /** Returns query heads per key/value head. */
    public int groupSize() {
        return numHeads / numKvHeads;
    }

    /** Returns the width of all query heads, {@code numHeads * headDim}. */
    public int queryWidth() {
        return numHeads * headDim;
    }

    /** Returns the width of all key (or value) heads, {@code numKvHeads * headDim}. */
    public int kvWidth() {
        return numKvHeads * headDim;
    }
}
