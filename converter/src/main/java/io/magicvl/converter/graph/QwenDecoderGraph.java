package io.magicvl.converter.graph;

/**
 * Qwen2 / Qwen2.5 / Qwen3 decoders: separate q/k/v projections (with biases in Qwen2.5),
 * per-head {@code q_norm}/{@code k_norm} before RoPE in Qwen3, SwiGLU MLP, tied or untied
 * {@code lm_head}.
 */
final class QwenDecoderGraph extends DecoderGraph {
    QwenDecoderGraph(Ops ops, DecoderSpec spec) {
        super(ops, spec);
    }

    @Override
    String embeddingName() {
        return spec.prefix() + "embed_tokens.weight";
    }

    @Override
    String finalNormName() {
        return spec.prefix() + "norm.weight";
    }

    @Override
    LayerNames layerNames(int layer) {
        String p = spec.prefix() + "layers." + layer + ".";
        return new LayerNames(
                p + "input_layernorm.weight",
                p + "self_attn.q_proj.weight",
                p + "self_attn.k_proj.weight",
                p + "self_attn.v_proj.weight",
                p + "self_attn.q_norm.weight",
                p + "self_attn.k_norm.weight",
                p + "self_attn.o_proj.weight",
                p + "post_attention_layernorm.weight",
                p + "mlp.gate_proj.weight",
                p + "mlp.up_proj.weight",
                p + "mlp.down_proj.weight");
    }
}
