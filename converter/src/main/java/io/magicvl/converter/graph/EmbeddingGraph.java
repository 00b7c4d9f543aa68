package io.magicvl.converter.graph;

import io.magicvl.core.onnx.Attributes;
import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.GraphBuilder;

/** {@code input_ids} [B, L] -> {@code inputs_embeds} [B, L, D]: a Gather from the embedding table. */
final class EmbeddingGraph {
    private EmbeddingGraph() {}

    static void build(Ops ops, DecoderSpec spec, String tableName) {
        GraphBuilder g = ops.graph();
        String ids = g.input(GraphNames.INPUT_IDS, ElementType.INT64, "batch", "sequence");
        long[] shape = ops.weights().shape(tableName);
        if (shape.length != 2 || shape[0] != spec.vocab() || shape[1] != spec.hidden()) {
            throw io.magicvl.core.MagicvlException.invalidInput("Tensor " + tableName + " has shape "
                    + java.util.Arrays.toString(shape) + " but the config implies [" + spec.vocab() + ", "
                    + spec.hidden() + "]. The checkpoint's config.json and its weights disagree.");
        }
        String table = g.initializer(tableName, ops.matrixType(), shape,
                WeightData.plain(ops.weights(), tableName, shape[0] * shape[1], ops.matrixType()));
        String path = "/embed/embed_tokens";
        if (ops.matrixType() == ElementType.FLOAT) {
            g.node(path + "/Gather", "Gather").in(table, ids).out(GraphNames.INPUTS_EMBEDS);
        } else {
            String rows = g.node(path + "/Gather", "Gather").in(table, ids).out();
            g.node(path + "/Cast", "Cast").in(rows).attr(Attributes.of("to", (long) ElementType.FLOAT.code()))
                    .out(GraphNames.INPUTS_EMBEDS);
        }
        g.output(GraphNames.INPUTS_EMBEDS, ElementType.FLOAT, "batch", "sequence", spec.hidden());
    }
}
