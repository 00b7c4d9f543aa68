package io.magicvl.quantizer.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a graph on prepared inputs and returns its float outputs as flat arrays. */
public final class GraphRunner implements AutoCloseable {
    private final OrtSession.SessionOptions options;
    private final OrtSession session;

    /** Opens {@code modelFile} with all graph optimizations, the settings a deployed model runs with. */
    public GraphRunner(Path modelFile, int threads) throws OrtException {
        this.options = Sessions.options(threads, OrtSession.SessionOptions.OptLevel.ALL_OPT);
        this.session = Sessions.open(modelFile, options);
    }

    /** Opens an in-memory model whose external data lives in {@code folder}. */
    public GraphRunner(io.magicvl.core.onnx.proto.Onnx.ModelProto model, Path folder, int threads) throws OrtException {
        this.options = Sessions.options(threads, OrtSession.SessionOptions.OptLevel.ALL_OPT);
        this.session = Sessions.open(model, folder, options);
    }

    /** One input: float or int64 values with a shape. */
    public record Input(float[] floats, long[] longs, long[] shape) {
        public static Input of(float[] values, long... shape) {
            return new Input(values, null, shape);
        }

        public static Input of(long[] values, long... shape) {
            return new Input(null, values, shape);
        }
    }

    /** Runs the graph and returns the float outputs named in {@code outputs} (all float outputs when empty). */
    public Map<String, float[]> run(Map<String, Input> inputs, List<String> outputs) throws OrtException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Input> entry : inputs.entrySet()) {
                Input input = entry.getValue();
                OnnxTensor tensor = input.floats() != null
                        ? OnnxTensor.createTensor(Sessions.environment(), FloatBuffer.wrap(input.floats()), input.shape())
                        : OnnxTensor.createTensor(Sessions.environment(), LongBuffer.wrap(input.longs()), input.shape());
                tensors.put(entry.getKey(), tensor);
            }
            OrtSession.Result result = outputs.isEmpty()
                    ? session.run(tensors)
                    : session.run(tensors, new java.util.LinkedHashSet<>(outputs));
            try (result) {
                Map<String, float[]> values = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> entry : result) {
                    if (entry.getValue() instanceof OnnxTensor tensor
                            && tensor.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                        FloatBuffer buffer = tensor.getFloatBuffer();
                        float[] array = new float[buffer.remaining()];
                        buffer.get(array);
                        values.put(entry.getKey(), array);
                    }
                }
                return values;
            }
        } finally {
            for (OnnxTensor tensor : tensors.values()) {
                tensor.close();
            }
        }
    }

    /** Returns the names of the graph's outputs. */
    public List<String> outputNames() throws OrtException {
        return List.copyOf(session.getOutputNames());
    }

    @Override
    public void close() throws OrtException {
        session.close();
        options.close();
    }
}
