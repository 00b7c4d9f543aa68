package io.magicvl.quantizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.onnx.proto.Onnx.GraphProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.quantizer.graph.GraphFiles;
import io.magicvl.quantizer.onnx.ExternalDataWriter;
import io.magicvl.quantizer.onnx.Protos;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a tiny export folder with the graph inputs and outputs of the export format: a vision
 * graph (patch rows -> MatMul layers -> mlp1), an embedding lookup and a decoder (MLP layers and
 * a tied lm_head), plus the nano tokenizer and a manifest.
 */
public final class SyntheticExport {
    public static final int TILE = 32;
    public static final int PATCH = 16;
    public static final int HIDDEN = 32;
    public static final int VOCAB = 262;
    public static final String TABLE = "language_model.model.embed_tokens.weight";

    private final Path dir;
    private final Random random;
    private final int fragileLayer;

    private SyntheticExport(Path dir, long seed, int fragileLayer) {
        this.dir = dir;
        this.random = new Random(seed);
        this.fragileLayer = fragileLayer;
    }

    /** Writes the export into {@code dir}; decoder layer {@code fragileLayer} (or none when -1) gets outlier weights. */
    public static Path write(Path dir, long seed, int fragileLayer) throws IOException {
        Files.createDirectories(dir);
        SyntheticExport export = new SyntheticExport(dir, seed, fragileLayer);
        float[] table = SyntheticGraphs.gaussian(export.random, VOCAB * HIDDEN, 0.5);
        export.vision();
        export.embed(table);
        export.decoder(table, 4);
        Path stage = TestPaths.nanoRun().resolve("stage4-advanced");
        Files.copy(stage.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.copy(stage.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"));
        export.manifest();
        return dir;
    }

    private void vision() {
        Graph graph = new Graph();
        int grid = TILE / PATCH;
        int rowLength = 3 * PATCH * PATCH;
        String split = graph.reshape("/vision/patch/Reshape", "pixel_values", -1, 3, grid, PATCH, grid, PATCH);
        graph.nodes.add(Protos.node("Transpose", "", "/vision/patch/Transpose", List.of(split), List.of("/vision/patch/t"),
                io.magicvl.core.onnx.proto.Onnx.AttributeProto.newBuilder().setName("perm")
                        .setType(io.magicvl.core.onnx.proto.Onnx.AttributeProto.AttributeType.INTS)
                        .addAllInts(List.of(0L, 2L, 4L, 1L, 3L, 5L)).build()));
        String rows = graph.reshape("/vision/patch/Reshape_1", "/vision/patch/t", -1, grid * grid, rowLength);
        String x = graph.linear("/vision/patch", rows, "vision_model.embeddings.patch_embedding.weight", rowLength, HIDDEN, 0.05);
        for (int layer = 0; layer < 2; layer++) {
            String prefix = "vision_model.encoder.layers." + layer + ".mlp.";
            String h = graph.linear("/vision/layers." + layer + "/fc1", x, prefix + "fc1.weight", HIDDEN, 2 * HIDDEN,
                    1 / Math.sqrt(HIDDEN));
            h = graph.unary("Tanh", "/vision/layers." + layer + "/act", h);
            h = graph.linear("/vision/layers." + layer + "/fc2", h, prefix + "fc2.weight", 2 * HIDDEN, HIDDEN,
                    1 / Math.sqrt(2 * HIDDEN));
            x = graph.add("/vision/layers." + layer + "/residual", x, h);
        }
        String p = graph.linear("/mlp1/1", x, "mlp1.1.weight", HIDDEN, HIDDEN, 1 / Math.sqrt(HIDDEN));
        p = graph.unary("Tanh", "/mlp1/act", p);
        graph.linearTo("/mlp1/3", p, "mlp1.3.weight", HIDDEN, HIDDEN, 1 / Math.sqrt(HIDDEN), "image_features");
        graph.write("vision.onnx", List.of(
                Protos.valueInfo("pixel_values", TensorProto.DataType.FLOAT, "T", 3, TILE, TILE),
                Protos.valueInfo("patch_mask", TensorProto.DataType.INT64, "T", grid * grid)),
                List.of(Protos.valueInfo("image_features", TensorProto.DataType.FLOAT, "T", grid * grid, HIDDEN)));
    }

    private void embed(float[] table) {
        Graph graph = new Graph();
        graph.initializer(TABLE, table, VOCAB, HIDDEN);
        graph.nodes.add(Protos.node("Gather", "", "/embed/Gather", List.of(TABLE, "input_ids"), List.of("inputs_embeds"),
                Protos.intAttribute("axis", 0)));
        graph.write("embed.onnx",
                List.of(Protos.valueInfo("input_ids", TensorProto.DataType.INT64, "B", "L")),
                List.of(Protos.valueInfo("inputs_embeds", TensorProto.DataType.FLOAT, "B", "L", HIDDEN)));
    }

    private void decoder(float[] table, int layers) {
        Graph graph = new Graph();
        String x = "inputs_embeds";
        for (int layer = 0; layer < layers; layer++) {
            String prefix = "language_model.model.layers." + layer + ".mlp.";
            String path = "/decoder/layers." + layer;
            int ffn = 3 * HIDDEN;
            float[] upValues = SyntheticGraphs.gaussian(random, HIDDEN * ffn, 1 / Math.sqrt(HIDDEN));
            float[] down = SyntheticGraphs.gaussian(random, ffn * HIDDEN, 1 / Math.sqrt(ffn));
            if (layer == fragileLayer) {
                // Channel k = 0, 32, 64 of the MLP is always 0 (its up_proj column is 0), so outliers in
                // down_proj row k change nothing in float, but they set the scale of every 32-block.
                for (int k = 0; k < ffn; k += 32) {
                    for (int d = 0; d < HIDDEN; d++) {
                        upValues[d * ffn + k] = 0;
                    }
                    for (int n = 0; n < HIDDEN; n++) {
                        down[k * HIDDEN + n] = (n % 2 == 0 ? 100f : -100f) / (float) Math.sqrt(ffn);
                    }
                }
            }
            graph.initializer(prefix + "up_proj.weight", upValues, HIDDEN, ffn);
            String up = graph.matMul(path + "/up_proj", x, prefix + "up_proj.weight");
            String act = graph.unary("Tanh", path + "/act", up);
            graph.initializer(prefix + "down_proj.weight", down, 3 * HIDDEN, HIDDEN);
            String projected = graph.matMul(path + "/down_proj", act, prefix + "down_proj.weight");
            x = graph.add(path + "/residual", x, projected);
        }
        float[] transposed = new float[HIDDEN * VOCAB];
        for (int v = 0; v < VOCAB; v++) {
            for (int d = 0; d < HIDDEN; d++) {
                transposed[d * VOCAB + v] = table[v * HIDDEN + d];
            }
        }
        graph.initializer(TABLE, transposed, HIDDEN, VOCAB);
        graph.nodes.add(Protos.node("MatMul", "", "/decoder/lm_head/MatMul", List.of(x, TABLE), List.of("logits")));
        graph.write("decoder.onnx", List.of(
                Protos.valueInfo("inputs_embeds", TensorProto.DataType.FLOAT, "B", "L", HIDDEN),
                Protos.valueInfo("attention_mask", TensorProto.DataType.INT64, "B", "T"),
                Protos.valueInfo("position_ids", TensorProto.DataType.INT64, "B", "L"),
                Protos.valueInfo("past_key_values.0.key", TensorProto.DataType.FLOAT, "B", 1, "P", 8),
                Protos.valueInfo("past_key_values.0.value", TensorProto.DataType.FLOAT, "B", 1, "P", 8)),
                List.of(Protos.valueInfo("logits", TensorProto.DataType.FLOAT, "B", "L", VOCAB)));
    }

    private void manifest() throws IOException {
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("format_version", 1);
        manifest.putObject("model").put("name", "synthetic").put("architecture", "synthetic").put("model_type", "magicvl");
        ObjectNode components = manifest.putObject("components");
        for (String component : List.of("vision", "embed", "decoder")) {
            ObjectNode entry = components.putObject(component);
            entry.put("file", component + ".onnx");
            entry.put("precision", "fp32");
            entry.putNull("quantization");
            entry.putArray("inputs");
            entry.putArray("outputs");
            entry.putNull("parity");
            entry.putNull("error");
        }
        manifest.putObject("preprocess").put("tile_size", TILE).put("patch_size", PATCH).put("rescale_factor", 1 / 255.0);
        manifest.putObject("prompt").put("template", "qwen-chat");
        manifest.putObject("decoder").put("layers", 4).put("kv_heads", 1).put("head_dim", 8)
                .put("hidden_size", HIDDEN).put("vocab_size", VOCAB);
        ArrayNode files = manifest.putArray("files");
        try (var listing = Files.list(dir)) {
            for (Path file : listing.sorted().toList()) {
                files.addObject().put("path", file.getFileName().toString()).put("size", Files.size(file))
                        .put("sha256", io.magicvl.core.export.ExportFolder.sha256(file));
            }
        }
        Files.write(dir.resolve("manifest.json"), Json.PRETTY.writeValueAsBytes(manifest));
    }

    /** Collects the nodes and weights of one graph. */
    private final class Graph {
        final List<NodeProto> nodes = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<float[]> values = new ArrayList<>();
        final List<long[]> shapes = new ArrayList<>();
        private final List<TensorProto> constants = new ArrayList<>();

        void initializer(String name, float[] v, long... dims) {
            names.add(name);
            values.add(v);
            shapes.add(dims);
        }

        String linear(String path, String x, String weight, int in, int out, double sigma) {
            return linearTo(path, x, weight, in, out, sigma, path + "/output");
        }

        String linearTo(String path, String x, String weight, int in, int out, double sigma, String output) {
            initializer(weight, SyntheticGraphs.gaussian(random, in * out, sigma), in, out);
            nodes.add(Protos.node("MatMul", "", path + "/MatMul", List.of(x, weight), List.of(output)));
            return output;
        }

        String matMul(String path, String x, String weight) {
            nodes.add(Protos.node("MatMul", "", path + "/MatMul", List.of(x, weight), List.of(path + "/output")));
            return path + "/output";
        }

        String unary(String op, String path, String x) {
            nodes.add(Protos.node(op, "", path, List.of(x), List.of(path + "/output")));
            return path + "/output";
        }

        String add(String path, String a, String b) {
            nodes.add(Protos.node("Add", "", path, List.of(a, b), List.of(path + "/output")));
            return path + "/output";
        }

        String reshape(String path, String x, long... shape) {
            constants.add(Protos.longTensor(path + "/shape", new long[] {shape.length}, shape));
            nodes.add(Protos.node("Reshape", "", path, List.of(x, path + "/shape"), List.of(path + "/output")));
            return path + "/output";
        }

        void write(String fileName, List<io.magicvl.core.onnx.proto.Onnx.ValueInfoProto> inputs,
                List<io.magicvl.core.onnx.proto.Onnx.ValueInfoProto> outputs) {
            GraphProto.Builder graph = GraphProto.newBuilder().setName(fileName).addAllNode(nodes)
                    .addAllInput(inputs).addAllOutput(outputs).addAllInitializer(constants);
            String dataName = fileName + ".data";
            try (ExternalDataWriter writer = new ExternalDataWriter(dir.resolve(dataName), dataName, 1024)) {
                for (int i = 0; i < names.size(); i++) {
                    ByteBuffer bytes = ByteBuffer.allocate(values.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asFloatBuffer().put(values.get(i));
                    graph.addInitializer(writer.put(names.get(i), TensorProto.DataType.FLOAT, shapes.get(i),
                            bytes.array()));
                }
            }
            GraphFiles.write(Protos.model(graph.build()), dir.resolve(fileName));
        }
    }
}
