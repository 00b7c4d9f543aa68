package io.magicvl.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.OperatorSetIdProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphBuilderTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @TempDir
    Path dir;

    /** y = gelu(x W + b) with x [2,K], W [K,N]; returns the builder, not yet saved. */
    private static GraphBuilder linearGelu(Path file, long threshold, float[] w, float[] b, int k, int n) {
        GraphBuilder g = GraphBuilder.create(file, "linear_gelu").externalThreshold(threshold);
        String x = g.input("x", ElementType.FLOAT, "batch", k);
        String weight = g.initializer("fc.weight", ElementType.FLOAT, new long[] {k, n}, TensorData.ofFloats(w));
        String bias = g.initializer("fc.bias", ElementType.FLOAT, new long[] {n}, TensorData.ofFloats(b));
        String mm = g.node("/fc/MatMul", "MatMul").in(x, weight).out();
        String add = g.node("/fc/Add", "Add").in(mm, bias).out();
        g.node("/act/Gelu", "Gelu").in(add).attr(Attributes.of("approximate", "none")).out("y");
        g.output("y", ElementType.FLOAT, "batch", n);
        return g;
    }

    private static float[] expectedLinearGelu(float[] x, float[] w, float[] b, int rows, int k, int n) {
        float[] y = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                double sum = b[j];
                for (int i = 0; i < k; i++) {
                    sum += (double) x[r * k + i] * w[i * n + j];
                }
                y[r * n + j] = (float) (0.5 * sum * (1 + erf(sum / Math.sqrt(2))));
            }
        }
        return y;
    }

    /** erf from the Chebyshev fit of erfc in Numerical Recipes (fractional error below 1.2e-7). */
    private static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }

    private static float[] run(Path model, float[] x, long... shape) throws OrtException {
        try (OrtSession session = ENV.createSession(model.toString(), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x), shape);
                OrtSession.Result result = session.run(Map.of("x", input))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    private static float[] random(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void smallGraphRunsInOnnxRuntime() throws Exception {
        Random random = new Random(7);
        int k = 8;
        int n = 5;
        float[] w = random(random, k * n);
        float[] b = random(random, n);
        float[] x = random(random, 2 * k);
        Path file = dir.resolve("small.onnx");
        linearGelu(file, Long.MAX_VALUE, w, b, k, n).save(Map.of());

        float[] actual = run(file, x, 2, k);

        float[] expected = expectedLinearGelu(x, w, b, 2, k, n);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
        assertFalse(Files.exists(dir.resolve("small.onnx.data")), "no external data below the threshold");
    }

    @Test
    void externalDataRoundTrip() throws Exception {
        Random random = new Random(11);
        int k = 16;
        int n = 3;
        float[] w = random(random, k * n);
        float[] b = random(random, n);
        float[] x = random(random, 3 * k);
        Path file = dir.resolve("ext.onnx");
        GraphBuilder builder = linearGelu(file, 0, w, b, k, n);
        builder.save(Map.of());

        ModelProto model = OnnxFiles.read(file);
        assertEquals(Set.of("ext.onnx.data"), OnnxFiles.externalDataLocations(model));
        long expectedEnd = 0;
        for (TensorProto tensor : model.getGraph().getInitializerList()) {
            assertEquals(TensorProto.DataLocation.EXTERNAL, tensor.getDataLocation(), tensor.getName());
            assertTrue(tensor.getRawData().isEmpty(), tensor.getName());
            Map<String, String> entries = new java.util.HashMap<>();
            tensor.getExternalDataList().forEach(e -> entries.put(e.getKey(), e.getValue()));
            long offset = Long.parseLong(entries.get("offset"));
            assertEquals(0, offset % 64, "offset of " + tensor.getName() + " is 64-byte aligned");
            expectedEnd = Math.max(expectedEnd, offset + Long.parseLong(entries.get("length")));
        }
        assertEquals(expectedEnd, Files.size(dir.resolve("ext.onnx.data")));
        assertEquals((k * n + n) * 4L, builder.externalBytes());

        float[] actual = run(file, x, 3, k);
        float[] expected = expectedLinearGelu(x, w, b, 3, k, n);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }

    @Test
    void metadataReadBack() throws Exception {
        Path file = dir.resolve("meta.onnx");
        Provenance provenance = new Provenance("convert", Map.of("model.safetensors", "ab12", "config.json", "cd34"),
                "ef56", Map.of("precision", "fp16"));
        linearGelu(file, GraphBuilder.DEFAULT_EXTERNAL_THRESHOLD, new float[4], new float[2], 2, 2).save(provenance.toMetadata());

        Map<String, String> fromFile = OnnxFiles.metadata(OnnxFiles.read(file));
        assertEquals("magicvl", fromFile.get("magicvl.producer"));
        assertEquals("convert", fromFile.get("magicvl.stage"));
        assertEquals("ef56", fromFile.get("magicvl.recipe.sha256"));
        assertEquals("ab12", fromFile.get("magicvl.source.sha256.model.safetensors"));
        assertEquals("cd34", fromFile.get("magicvl.source.sha256.config.json"));
        assertEquals("fp16", fromFile.get("magicvl.precision"));
        assertEquals(io.magicvl.core.Toolchain.version(), fromFile.get("magicvl.toolchain.version"));

        try (OrtSession session = ENV.createSession(file.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> fromRuntime = session.getMetadata().getCustomMetadata();
            assertEquals("convert", fromRuntime.get("magicvl.stage"));
            assertEquals("ab12", fromRuntime.get("magicvl.source.sha256.model.safetensors"));
            assertEquals("magicvl", session.getMetadata().getProducerName());
        }
    }

    @Test
    void opsetAndIrVersions() throws Exception {
        Path file = dir.resolve("versions.onnx");
        GraphBuilder g = GraphBuilder.create(file, "versions");
        String x = g.input("x", ElementType.FLOAT, 1, 4);
        g.node("/act/FastGelu", "FastGelu").domain(GraphBuilder.MICROSOFT_DOMAIN).in(x).out("y");
        g.output("y", ElementType.FLOAT, 1, 4);
        g.save(Map.of());

        ModelProto model = OnnxFiles.read(file);
        assertEquals(10, model.getIrVersion());
        Map<String, Long> opsets = new java.util.HashMap<>();
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            opsets.put(opset.getDomain(), opset.getVersion());
        }
        assertEquals(Map.of("", 21L, "com.microsoft", 1L), opsets);
        float[] y = run(file, new float[] {-1f, 0f, 0.5f, 2f}, 1, 4);
        assertEquals(0f, y[1], 0f);
        assertEquals(2f * 0.5f * (1f + (float) Math.tanh(Math.sqrt(2 / Math.PI) * (2 + 0.044715 * 8))), y[3], 1e-5);
    }

    @Test
    void topologicalCheckNamesNodeAndInput() {
        GraphBuilder g = GraphBuilder.create(dir.resolve("bad.onnx"), "bad");
        String x = g.input("x", ElementType.FLOAT, 1, 4);
        g.node("/decoder/layers.0/mlp/Mul", "Mul").in(x, "/decoder/layers.0/mlp/Sigmoid/output_0").out();
        g.node("/decoder/layers.0/mlp/Sigmoid", "Sigmoid").in(x).out();

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> g.save(Map.of()));

        assertTrue(error.getMessage().contains("/decoder/layers.0/mlp/Mul"), error.getMessage());
        assertTrue(error.getMessage().contains("'/decoder/layers.0/mlp/Sigmoid/output_0'"), error.getMessage());
        assertFalse(Files.exists(dir.resolve("bad.onnx")));
    }

    @Test
    void missingGraphOutputIsReported() {
        GraphBuilder g = GraphBuilder.create(dir.resolve("noout.onnx"), "noout");
        g.input("x", ElementType.FLOAT, 1);
        g.output("logits", ElementType.FLOAT, 1);

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> g.save(Map.of()));

        assertTrue(error.getMessage().contains("'logits'"), error.getMessage());
    }

    @Test
    void constantsAreShared() {
        GraphBuilder g = GraphBuilder.create(dir.resolve("c.onnx"), "c");
        String first = g.constantLongs(0, 0, 4, 32);
        String second = g.constantLongs(0, 0, 4, 32);
        String other = g.constantLongs(0, 0, 32, 4);
        String half = g.constantScalar(0.5f);

        assertSame(first, second);
        assertFalse(first.equals(other));
        assertEquals(half, g.constantScalar(0.5f));
        assertEquals(3, g.toModel(Map.of()).getGraph().getInitializerCount());
    }

    @Test
    void duplicateValueNameIsRejected() {
        GraphBuilder g = GraphBuilder.create(dir.resolve("d.onnx"), "d");
        g.input("x", ElementType.FLOAT, 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> g.initializer("x", ElementType.FLOAT, new long[] {1}, TensorData.ofFloats(1f)));

        assertTrue(error.getMessage().contains("'x'"), error.getMessage());
    }

    @Test
    void initializerSizeMismatchIsRejected() {
        GraphBuilder g = GraphBuilder.create(dir.resolve("s.onnx"), "s");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> g.initializer("w", ElementType.FLOAT, new long[] {2, 3}, TensorData.ofFloats(1f, 2f)));

        assertTrue(error.getMessage().contains("w of float32[2, 3] needs 24 bytes"), error.getMessage());
    }

    private static final class Set {
        static java.util.Set<String> of(String... values) {
            return new java.util.TreeSet<>(java.util.List.of(values));
        }
    }

    @Test
    void int4PackingLength() {
        assertEquals(3, ElementType.INT4.byteLength(5));
        assertArrayEquals(new long[] {4}, new long[] {ElementType.FLOAT.byteLength(1)});
    }
}
