package io.magicvl.converter.graph;

/**
 * The SigLIP vision tower (as in SigLIP2 FixRes checkpoints): patch embedding, learned position
 * table, pre-norm layers with tanh-approximated GELU, and {@code post_layernorm}. The
 * attention-pooling {@code head.*} is not used by the VLM and is skipped.
 */
final class SiglipVisionGraph extends VisionGraph {
    SiglipVisionGraph(Ops ops, VisionSpec spec) {
        super(ops, spec);
    }

    @Override
    protected String tower(String pixels, String keyBias) {
        String prefix = spec.prefix();
        String position = prefix + "embeddings.position_embedding.weight";
        expectShape(position, spec.patches(), spec.hidden());
        String patches = patchEmbedding(pixels);
        String x = ops.op("/vision/embeddings", "Add", patches,
                ops.tensor("/vision/embeddings/position_embedding", position, spec.patches(), spec.hidden()));
        for (int i = 0; i < spec.layers(); i++) {
            x = layer(i, x, keyBias);
        }
        return ops.layerNorm("/vision/post_layernorm", x, prefix + "post_layernorm", spec.layerNormEps());
    }

    private String layer(int index, String x, String keyBias) {
        String name = spec.prefix() + "encoder.layers." + index + ".";
        String path = "/vision/layers." + index;
        expectShape(name + "mlp.fc1.weight", spec.intermediate(), spec.hidden());
        String h = ops.layerNorm(path + "/layer_norm1", x, name + "layer_norm1", spec.layerNormEps());
        String q = ops.linear(path + "/attn/q_proj", h, name + "self_attn.q_proj.weight", name + "self_attn.q_proj.bias");
        String k = ops.linear(path + "/attn/k_proj", h, name + "self_attn.k_proj.weight", name + "self_attn.k_proj.bias");
        String v = ops.linear(path + "/attn/v_proj", h, name + "self_attn.v_proj.weight", name + "self_attn.v_proj.bias");
        String context = attention(path + "/attn", q, k, v, keyBias);
        String attn = ops.linear(path + "/attn/out_proj", context, name + "self_attn.out_proj.weight",
                name + "self_attn.out_proj.bias");
        String residual = ops.op(path + "/attn", "Add", x, attn);

        String h2 = ops.layerNorm(path + "/layer_norm2", residual, name + "layer_norm2", spec.layerNormEps());
        String up = ops.linear(path + "/mlp/fc1", h2, name + "mlp.fc1.weight", name + "mlp.fc1.bias");
        String act = ops.gelu(path + "/mlp", up, "tanh");
        String down = ops.linear(path + "/mlp/fc2", act, name + "mlp.fc2.weight", name + "mlp.fc2.bias");
        return ops.op(path + "/mlp", "Add", residual, down);
    }
}
