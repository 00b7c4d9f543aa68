package io.magicvl.converter.graph;

/**
 * InternLM2 / InternLM2.5 decoders. The packed {@code wqkv} stores, for each KV head h, its g
 * query heads, then key head h, then value head h. At conversion time its rows are reordered
 * into all query heads, all key heads, all value heads, so the graph keeps one MatMul named
 * after {@code wqkv} and splits its output into q, k and v.
 */
final class InternLm2DecoderGraph extends DecoderGraph {
    InternLm2DecoderGraph(Ops ops, DecoderSpec spec) {
        super(ops, spec);
    }

    @Override
    String embeddingName() {
        return spec.prefix() + "tok_embeddings.weight";
    }

    @Override
    String finalNormName() {
        return spec.prefix() + "norm.weight";
    }

    @Override
    LayerNames layerNames(int layer) {
        String p = spec.prefix() + "layers." + layer + ".";
        String wqkv = p + "attention.wqkv.weight";
        return new LayerNames(
                p + "attention_norm.weight",
                wqkv,
                wqkv,
                wqkv,
                null,
                null,
                p + "attention.wo.weight",
                p + "ffn_norm.weight",
                p + "feed_forward.w1.weight",
                p + "feed_forward.w3.weight",
                p + "feed_forward.w2.weight");
    }

    @Override
    String[] projectQkv(String path, LayerNames names, String h) {
        int heads = spec.heads();
        int kvHeads = spec.kvHeads();
        int hd = spec.headDim();
        int group = heads / kvHeads;
        long rows = (long) (heads + 2 * kvHeads) * hd;
        long cols = spec.hidden();
        expectShape(names.q(), rows, cols);

        long[] sourceRow = new long[(int) rows];
        int next = 0;
        for (int role = 0; role < 3; role++) {
            int count = role == 0 ? heads : kvHeads;
            for (int head = 0; head < count; head++) {
                int slot;
                if (role == 0) {
                    slot = (head / group) * (group + 2) + head % group;
                } else {
                    slot = head * (group + 2) + group + (role - 1);
                }
                for (int i = 0; i < hd; i++) {
                    sourceRow[next++] = (long) slot * hd + i;
                }
            }
        }
        WeightData.RowSource packed = WeightData.rows(ops.weights(), names.q(), cols);
        WeightData.RowSource reordered = (row, column, destination, offset, count) ->
                packed.read(sourceRow[(int) row], column, destination, offset, count);
        String qkv = ops.linear(path + "/wqkv", h, names.q(), WeightData.transposed(reordered, rows, cols,
                ops.matrixType()), cols, rows, null);
        return g.node(path + "/wqkv/Split", "Split")
                .in(qkv, g.constantLongs((long) heads * hd, (long) kvHeads * hd, (long) kvHeads * hd))
                .attr(io.magicvl.core.onnx.Attributes.of("axis", -1L))
                .outs(3);
    }
}
