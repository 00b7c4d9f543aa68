package io.magicvl.quantizer;

import io.magicvl.core.onnx.proto.Onnx.GraphProto;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.quantizer.graph.GraphFiles;
import io.magicvl.quantizer.onnx.ExternalDataWriter;
import io.magicvl.quantizer.onnx.Protos;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes small float graphs with external data, shaped like the components of an export. */
public final class SyntheticGraphs {
    public static final int SEQUENCE = 6;

    private SyntheticGraphs() {}

    /**
     * Writes a residual stack: per layer q/k/v projections of the same input, summed, an up
     * projection, tanh and a down projection added back. Input "x" [1, 6, d], output "y".
     * When {@code fragileLayer >= 0}, a few weights of that layer's down projection are scaled by
     * {@code outlierScale}, so block and channel scales of that layer become coarse.
     */
    public static Path residualStack(Path dir, String fileName, int layers, int d, int ffn, long seed,
            int fragileLayer, float outlierScale) {
        Random random = new Random(seed);
        List<NodeProto> nodes = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        String hidden = "x";
        for (int layer = 0; layer < layers; layer++) {
            String prefix = "model.layers." + layer + ".";
            String node = "/layers." + layer;
            List<String> projections = new ArrayList<>();
            for (String projection : List.of("q_proj", "k_proj", "v_proj")) {
                String weight = prefix + "self_attn." + projection + ".weight";
                add(names, values, shapes, weight, gaussian(random, d * d, 1 / Math.sqrt(d)), d, d);
                String out = node + "/attn/" + projection + "/output";
                nodes.add(Protos.node("MatMul", "", node + "/attn/" + projection + "/MatMul", List.of(hidden, weight),
                        List.of(out)));
                projections.add(out);
            }
            nodes.add(Protos.node("Add", "", node + "/attn/Add0", List.of(projections.get(0), projections.get(1)),
                    List.of(node + "/attn/sum0")));
            nodes.add(Protos.node("Add", "", node + "/attn/Add1", List.of(node + "/attn/sum0", projections.get(2)),
                    List.of(node + "/attn/sum1")));
            String up = prefix + "mlp.up_proj.weight";
            add(names, values, shapes, up, gaussian(random, d * ffn, 1 / Math.sqrt(d)), d, ffn);
            nodes.add(Protos.node("MatMul", "", node + "/mlp/up_proj/MatMul", List.of(node + "/attn/sum1", up),
                    List.of(node + "/mlp/up")));
            nodes.add(Protos.node("Tanh", "", node + "/mlp/act", List.of(node + "/mlp/up"), List.of(node + "/mlp/act_out")));
            String down = prefix + "mlp.down_proj.weight";
            float[] downValues = gaussian(random, ffn * d, 1 / Math.sqrt(ffn));
            if (layer == fragileLayer) {
                for (int i = 0; i < downValues.length; i += 37) {
                    downValues[i] *= outlierScale;
                }
            }
            add(names, values, shapes, down, downValues, ffn, d);
            nodes.add(Protos.node("MatMul", "", node + "/mlp/down_proj/MatMul", List.of(node + "/mlp/act_out", down),
                    List.of(node + "/mlp/down")));
            String next = layer == layers - 1 ? "y" : node + "/output";
            nodes.add(Protos.node("Add", "", node + "/residual", List.of(hidden, node + "/mlp/down"), List.of(next)));
            hidden = next;
        }
        GraphProto.Builder graph = GraphProto.newBuilder().setName("stack").addAllNode(nodes)
                .addInput(Protos.valueInfo("x", TensorProto.DataType.FLOAT, 1, SEQUENCE, d))
                .addOutput(Protos.valueInfo("y", TensorProto.DataType.FLOAT, 1, SEQUENCE, d));
        return write(dir, fileName, graph, names, values, shapes);
    }

    /** Writes an embedding lookup: input "input_ids" [1, L] int64, table [rows, d], output "y". */
    public static Path embedding(Path dir, String fileName, int rows, int d, long seed) {
        Random random = new Random(seed);
        String table = "model.embed_tokens.weight";
        GraphProto.Builder graph = GraphProto.newBuilder().setName("embed")
                .addNode(Protos.node("Gather", "", "/embed/Gather", List.of(table, "input_ids"), List.of("y"),
                        Protos.intAttribute("axis", 0)))
                .addInput(Protos.valueInfo("input_ids", TensorProto.DataType.INT64, 1, "L"))
                .addOutput(Protos.valueInfo("y", TensorProto.DataType.FLOAT, 1, "L", d));
        return write(dir, fileName, graph, List.of(table), List.of(gaussian(random, rows * d, 0.5)),
                List.of(new long[] {rows, d}));
    }

    /** Writes a patch embedding: input "x" [1, 3, 16, 16], Conv 8 x 3 x 4 x 4 stride 4, output "y". */
    public static Path patchConv(Path dir, String fileName, long seed) {
        Random random = new Random(seed);
        String kernel = "vision_model.embeddings.patch_embedding.weight";
        GraphProto.Builder graph = GraphProto.newBuilder().setName("conv")
                .addNode(Protos.node("Conv", "", "/patch/Conv", List.of("x", kernel), List.of("y"),
                        io.magicvl.core.onnx.proto.Onnx.AttributeProto.newBuilder().setName("strides")
                                .setType(io.magicvl.core.onnx.proto.Onnx.AttributeProto.AttributeType.INTS)
                                .addInts(4).addInts(4).build()))
                .addInput(Protos.valueInfo("x", TensorProto.DataType.FLOAT, 1, 3, 16, 16))
                .addOutput(Protos.valueInfo("y", TensorProto.DataType.FLOAT, 1, 8, 4, 4));
        return write(dir, fileName, graph, List.of(kernel), List.of(gaussian(random, 8 * 3 * 4 * 4, 0.2)),
                List.of(new long[] {8, 3, 4, 4}));
    }

    private static Path write(Path dir, String fileName, GraphProto.Builder graph, List<String> names,
            List<float[]> values, List<long[]> shapes) {
        String dataName = fileName + ".data";
        try (ExternalDataWriter writer = new ExternalDataWriter(dir.resolve(dataName), dataName, 64)) {
            for (int i = 0; i < names.size(); i++) {
                ByteBuffer bytes = ByteBuffer.allocate(values.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(values.get(i));
                graph.addInitializer(writer.put(names.get(i), TensorProto.DataType.FLOAT, shapes.get(i), bytes.array()));
            }
        }
        ModelProto model = Protos.model(graph.build());
        Path file = dir.resolve(fileName);
        GraphFiles.write(model, file);
        return file;
    }

    private static void add(List<String> names, List<float[]> values, List<long[]> shapes, String name, float[] v,
            long rows, long columns) {
        names.add(name);
        values.add(v);
        shapes.add(new long[] {rows, columns});
    }

    /** Returns seeded normal values with standard deviation {@code sigma}. */
    public static float[] gaussian(Random random, int count, double sigma) {
        return OrtTestGraphs.gaussian(random, count, sigma);
    }
}
