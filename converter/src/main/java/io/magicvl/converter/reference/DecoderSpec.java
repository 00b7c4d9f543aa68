package io.magicvl.converter.reference;

import java.util.Objects;

/**
 * Hyperparameters and tensor names of a decoder.
 *
 * @param family architecture family, which decides tensor names and QK-norm
 * @param hiddenSize D
 * @param intermediateSize MLP width F
 * @param layers number of decoder layers
 * @param heads query heads H
 * @param kvHeads key/value heads (H must be a multiple)
 * @param headDim size of one head (not necessarily D / H)
 * @param vocabSize V
 * @param rmsNormEps RMSNorm epsilon
 * @param ropeTheta RoPE base
 * @param attentionBias whether q/k/v (Qwen) or wqkv (InternLM2) carry biases
 * @param outputBias whether the attention output projection ({@code o_proj} or {@code wo})
 *     carries a bias (Qwen2 never; Qwen3 and InternLM2 when their attention bias is on)
 * @param prefix prefix of the decoder tensors, for example {@code language_model.model.}
 * @param lmHeadName full name of the output projection, for example
 *     {@code language_model.lm_head.weight}; when the checkpoint lacks it the embedding table
 *     is used (tied embeddings)
 */
public record DecoderSpec(
        Family family,
        int hiddenSize,
        int intermediateSize,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int vocabSize,
        double rmsNormEps,
        double ropeTheta,
        boolean attentionBias,
        boolean outputBias,
        String prefix,
        String lmHeadName) {

    /** Decoder architecture families. */
    public enum Family {
        /** Qwen2 and Qwen2.5: separate q/k/v projections, usually with biases. */
        QWEN2,
        /** Qwen3: separate q/k/v projections and per-head q_norm/k_norm before RoPE. */
        QWEN3,
        /**
         * InternLM2: packed {@code wqkv} grouped per KV head, {@code w1}/{@code w3}/{@code w2}
         * MLP, {@code tok_embeddings}, separate {@code output} head.
         */
        INTERNLM2
    }

    public DecoderSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(lmHeadName, "lmHeadName");
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException(
                    "heads " + heads + " is not a multiple of kvHeads " + kvHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("headDim must be even for RoPE, got " + headDim);
        }
    }

    /** Returns whether each head's q and k are RMS-normalized before RoPE (Qwen3). */
    public boolean qkNorm() {
        return family == Family.QWEN3;
    }

    /** Returns the query heads per KV head, H / Hkv. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** Returns the name of the token embedding table. */
    public String embeddingName() {
        return prefix + (family == Family.INTERNLM2 ? "tok_embeddings.weight" : "embed_tokens.weight");
    }
}
