package io.magicvl.converter.graph;

import io.magicvl.core.onnx.Attributes;

/**
 * InternViT (InternVL2.5): patch embedding, a class token, a position table that is used as
 * stored (the bicubic resize InternViT applies is the identity at its native grid), pre-norm
 * layers with a packed {@code [Q;K;V]} projection, layer scale {@code ls1}/{@code ls2} and exact
 * GELU, no final norm; the class token is dropped before the unshuffle.
 */
final class InternVitVisionGraph extends VisionGraph {
    InternVitVisionGraph(Ops ops, VisionSpec spec) {
        super(ops, spec);
    }

    @Override
    protected String tower(String pixels, String keyBias) {
        String prefix = spec.prefix();
        int tokens = spec.patches() + 1;
        String classEmbedding = prefix + "embeddings.class_embedding";
        String position = prefix + "embeddings.position_embedding";
        expectShape(classEmbedding, 1, 1, spec.hidden());
        expectShape(position, 1, tokens, spec.hidden());

        String path = "/vision/embeddings";
        String patches = patchEmbedding(pixels);
        String cls = ops.tensor(path + "/class_embedding", classEmbedding, 1, 1, spec.hidden());
        String batch = g.node(path + "/Shape", "Shape").in(patches)
                .attr(Attributes.of("start", 0L), Attributes.of("end", 1L)).out();
        String clsShape = g.node(path + "/Concat", "Concat").in(batch, g.constantLongs(1, spec.hidden()))
                .attr(Attributes.of("axis", 0L)).out();
        String clsTokens = ops.op(path, "Expand", cls, clsShape);
        String joined = g.node(path + "/Concat_1", "Concat").in(clsTokens, patches).attr(Attributes.of("axis", 1L)).out();
        String x = ops.op(path, "Add", joined, ops.tensor(path + "/position_embedding", position, 1, tokens, spec.hidden()));

        String bias = g.node("/vision/key_mask/Pad", "Pad")
                .in(keyBias, g.constantLongs(0, 0, 0, 1, 0, 0, 0, 0))
                .out();
        for (int i = 0; i < spec.layers(); i++) {
            x = layer(i, x, bias);
        }
        return g.node("/vision/drop_cls/Slice", "Slice")
                .in(x, g.constantLongs(1), g.constantLongs(Long.MAX_VALUE), g.constantLongs(1))
                .out();
    }

    private String layer(int index, String x, String keyBias) {
        String name = spec.prefix() + "encoder.layers." + index + ".";
        String path = "/vision/layers." + index;
        int d = spec.hidden();
        expectShape(name + "attn.qkv.weight", 3L * d, d);
        expectShape(name + "mlp.fc1.weight", spec.intermediate(), spec.hidden());
        String h = ops.layerNorm(path + "/norm1", x, name + "norm1", spec.layerNormEps());
        String qkv = ops.linear(path + "/attn/qkv", h, name + "attn.qkv.weight", name + "attn.qkv.bias");
        String[] parts = g.node(path + "/attn/qkv/Split", "Split")
                .in(qkv, g.constantLongs(d, d, d))
                .attr(Attributes.of("axis", -1L))
                .outs(3);
        String context = attention(path + "/attn", parts[0], parts[1], parts[2], keyBias);
        String attn = ops.linear(path + "/attn/proj", context, name + "attn.proj.weight", name + "attn.proj.bias");
        String scaled = ops.op(path + "/ls1", "Mul", attn, ops.vector(name + "ls1"));
        String residual = ops.op(path + "/attn", "Add", x, scaled);

        String h2 = ops.layerNorm(path + "/norm2", residual, name + "norm2", spec.layerNormEps());
        String up = ops.linear(path + "/mlp/fc1", h2, name + "mlp.fc1.weight", name + "mlp.fc1.bias");
        String act = ops.gelu(path + "/mlp", up, "none");
        String down = ops.linear(path + "/mlp/fc2", act, name + "mlp.fc2.weight", name + "mlp.fc2.bias");
        String scaled2 = ops.op(path + "/ls2", "Mul", down, ops.vector(name + "ls2"));
        return ops.op(path + "/mlp", "Add", residual, scaled2);
    }
}
