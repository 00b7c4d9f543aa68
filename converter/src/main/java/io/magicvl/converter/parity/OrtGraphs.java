package io.magicvl.converter.parity;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.magicvl.converter.graph.GraphNames;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs exported graphs in ONNX Runtime (CPU) with float arrays in and out, for parity checks and
 * tests. Sessions use all graph optimizations, as a runtime would.
 */
public final class OrtGraphs {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "magicvl");

    private OrtGraphs() {}

    /** Opens a session on {@code model}, resolving external data beside it. */
    public static OrtSession open(Path model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
            // Parity runs each graph a few times only: no arena or memory patterns to keep around.
            options.setCPUArenaAllocator(false);
            options.setMemoryPatternOptimization(false);
            // MatMul weight pre-packing keeps a second copy of every matrix; parity does not need the speed.
            options.addConfigEntry("session.disable_prepacking", "1");
            return ENV.createSession(model.toString(), options);
        }
    }

    /** Runs the vision graph on {@code tiles} tiles: pixels [T,3,S,S] and mask [T,P]; returns [T,N,D]. */
    public static float[] vision(OrtSession session, float[] pixels, long[] mask, int tiles, int side) throws OrtException {
        int patches = mask.length / tiles;
        try (OnnxTensor p = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(pixels), new long[] {tiles, 3, side, side});
                OnnxTensor m = OnnxTensor.createTensor(ENV, LongBuffer.wrap(mask), new long[] {tiles, patches});
                OrtSession.Result result = session.run(Map.of(GraphNames.PIXEL_VALUES, p, GraphNames.PATCH_MASK, m))) {
            return floats(result, GraphNames.IMAGE_FEATURES);
        }
    }

    /** Runs the embedding graph on one sequence of ids; returns [L, D]. */
    public static float[] embed(OrtSession session, long[] ids) throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(ENV, LongBuffer.wrap(ids), new long[] {1, ids.length});
                OrtSession.Result result = session.run(Map.of(GraphNames.INPUT_IDS, t))) {
            return floats(result, GraphNames.INPUTS_EMBEDS);
        }
    }

    /** A KV cache for batch 1: per layer, keys and values [kvHeads, length, headDim], flattened. */
    public static final class Cache {
        final int layers;
        final int kvHeads;
        final int headDim;
        int length;
        final List<float[]> keys = new ArrayList<>();
        final List<float[]> values = new ArrayList<>();

        public Cache(int layers, int kvHeads, int headDim) {
            this.layers = layers;
            this.kvHeads = kvHeads;
            this.headDim = headDim;
            for (int i = 0; i < layers; i++) {
                keys.add(new float[0]);
                values.add(new float[0]);
            }
        }

        /** Returns the number of cached positions. */
        public int length() {
            return length;
        }
    }

    /**
     * Runs one decoder step on {@code embeds} [L, D] at positions {@code cache.length()..}, all
     * tokens real; updates {@code cache} and returns the logits [L, vocab].
     */
    public static float[] decode(OrtSession session, float[] embeds, int hidden, Cache cache) throws OrtException {
        int steps = embeds.length / hidden;
        int total = cache.length + steps;
        long[] mask = new long[total];
        java.util.Arrays.fill(mask, 1);
        long[] positions = new long[steps];
        for (int i = 0; i < steps; i++) {
            positions[i] = cache.length + i;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(GraphNames.INPUTS_EMBEDS,
                    OnnxTensor.createTensor(ENV, FloatBuffer.wrap(embeds), new long[] {1, steps, hidden}));
            inputs.put(GraphNames.ATTENTION_MASK, OnnxTensor.createTensor(ENV, LongBuffer.wrap(mask), new long[] {1, total}));
            inputs.put(GraphNames.POSITION_IDS,
                    OnnxTensor.createTensor(ENV, LongBuffer.wrap(positions), new long[] {1, steps}));
            long[] pastShape = {1, cache.kvHeads, cache.length, cache.headDim};
            for (int i = 0; i < cache.layers; i++) {
                inputs.put(GraphNames.pastKey(i), OnnxTensor.createTensor(ENV, FloatBuffer.wrap(cache.keys.get(i)), pastShape));
                inputs.put(GraphNames.pastValue(i),
                        OnnxTensor.createTensor(ENV, FloatBuffer.wrap(cache.values.get(i)), pastShape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                for (int i = 0; i < cache.layers; i++) {
                    cache.keys.set(i, floats(result, GraphNames.presentKey(i)));
                    cache.values.set(i, floats(result, GraphNames.presentValue(i)));
                }
                cache.length = total;
                return floats(result, GraphNames.LOGITS);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] floats(OrtSession.Result result, String name) {
        OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow(
                () -> new IllegalStateException("The graph has no output " + name));
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }
}
