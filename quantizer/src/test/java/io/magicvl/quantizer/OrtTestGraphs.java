package io.magicvl.quantizer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.magicvl.core.onnx.proto.Onnx.GraphProto;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.quantizer.onnx.Protos;
import io.magicvl.quantizer.onnx.Sessions;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds single-purpose graphs, runs them in ONNX Runtime and computes float references. */
public final class OrtTestGraphs {
    private OrtTestGraphs() {}

    /** Returns a graph with float input "A" [m, k] and float output "Y" [m, n]. */
    public static ModelProto graph(int m, int k, int n, List<NodeProto> nodes, List<TensorProto> initializers) {
        GraphProto graph = GraphProto.newBuilder()
                .setName("test")
                .addAllNode(nodes)
                .addAllInitializer(initializers)
                .addInput(Protos.valueInfo("A", TensorProto.DataType.FLOAT, m, k))
                .addOutput(Protos.valueInfo("Y", TensorProto.DataType.FLOAT, m, n))
                .build();
        return Protos.model(graph);
    }

    /** Runs {@code model} on A [m, k] and returns Y flattened. */
    public static float[] run(ModelProto model, float[] a, int m, int k, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        try (OrtSession.SessionOptions options = Sessions.options(1, level);
                OrtSession session = Sessions.open(model, null, options);
                OnnxTensor input = OnnxTensor.createTensor(
                        Sessions.environment(), FloatBuffer.wrap(a), new long[] {m, k});
                OrtSession.Result result = session.run(Map.of("A", input))) {
            OnnxTensor y = (OnnxTensor) result.get(0);
            FloatBuffer buffer = y.getFloatBuffer();
            float[] out = new float[buffer.remaining()];
            buffer.get(out);
            return out;
        }
    }

    /** Returns A x W for A [m, k] and W [k, n], accumulated in double. */
    public static float[] matmul(float[] a, float[] w, int m, int k, int n) {
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[i * k + p] * w[p * n + j];
                }
                out[i * n + j] = (float) sum;
            }
        }
        return out;
    }

    /** Returns {@code count} normal values with standard deviation {@code sigma}. */
    public static float[] gaussian(Random random, int count, double sigma) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return values;
    }

    /** Returns the largest |a - b| divided by the largest |b|. */
    public static double maxRelativeError(float[] actual, float[] expected) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return maxDiff / maxRef;
    }
}
