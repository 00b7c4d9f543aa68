package io.magicvl.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.magicvl.core.MagicvlException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the decoder graph with the KV cache: each call appends {@code L} tokens, given as
 * embeddings, to the cached ones and returns their logits.
 *
 * <p>Logits, present keys and present values are written into preallocated direct buffers
 * (ONNX Runtime's pinned outputs); the attention mask and position ids are views of
 * preallocated buffers too.
 */
final class DecoderRunner implements AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final RuntimeManifest.DecoderShape shape;
    private final KvCache cache;
    private final OrtClock clock;
    private final String[] pastNames;
    private final String[] presentNames;
    private final boolean takesPositionIds;
    private LongBuffer ones = DirectBuffers.longs(0);
    private LongBuffer positions = DirectBuffers.longs(0);
    private FloatBuffer logits = DirectBuffers.floats(0);
    private int logitsTokens;

    DecoderRunner(OrtEnvironment environment, OrtSession session, RuntimeManifest.DecoderShape shape,
            OrtClock clock, Path file) {
        this.environment = environment;
        this.session = session;
        this.shape = shape;
        this.clock = clock;
        this.cache = new KvCache(environment, shape.layers(), shape.kvHeads(), shape.headDim());
        this.pastNames = new String[shape.layers() * 2];
        this.presentNames = new String[shape.layers() * 2];
        for (int layer = 0; layer < shape.layers(); layer++) {
            pastNames[layer * 2] = "past_key_values." + layer + ".key";
            pastNames[layer * 2 + 1] = "past_key_values." + layer + ".value";
            presentNames[layer * 2] = "present." + layer + ".key";
            presentNames[layer * 2 + 1] = "present." + layer + ".value";
        }
        try {
            Set<String> inputs = session.getInputInfo().keySet();
            Set<String> outputs = session.getOutputInfo().keySet();
            List<String> missing = new ArrayList<>();
            for (String name : List.of("inputs_embeds", "attention_mask")) {
                if (!inputs.contains(name)) {
                    missing.add(name);
                }
            }
            for (String name : pastNames) {
                if (!inputs.contains(name)) {
                    missing.add(name);
                }
            }
            for (String name : presentNames) {
                if (!outputs.contains(name)) {
                    missing.add(name);
                }
            }
            if (!outputs.contains("logits")) {
                missing.add("logits");
            }
            if (!missing.isEmpty()) {
                throw MagicvlException.invalidInput("Decoder graph " + file + " lacks " + missing
                        + " for the " + shape.layers() + " layers the manifest declares. It has inputs "
                        + inputs + " and outputs " + outputs + ".");
            }
            this.takesPositionIds = inputs.contains("position_ids");
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot read the inputs of " + file, e);
        }
    }

    /** Empties the cache and makes room for {@code tokens} tokens in all. */
    void reset(int tokens, int maxCallTokens) {
        cache.reset(tokens);
        if (ones.capacity() < tokens) {
            ones = DirectBuffers.longs(tokens);
            for (int i = 0; i < tokens; i++) {
                ones.put(i, 1L);
            }
        }
        if (positions.capacity() < maxCallTokens) {
            positions = DirectBuffers.longs(maxCallTokens);
        }
        if (logitsTokens < maxCallTokens) {
            logits = DirectBuffers.floats((long) maxCallTokens * shape.vocabSize());
            logitsTokens = maxCallTokens;
        }
    }

    /** Returns the number of cached tokens. */
    int cachedTokens() {
        return cache.length();
    }

    KvCache cache() {
        return cache;
    }

    /**
     * Appends {@code length} tokens, given as embeddings {@code embeds} ({@code [1, length,
     * hidden]}), and returns a view of their logits, {@code [length, vocab]} row-major. The view
     * is overwritten by the next call.
     */
    FloatBuffer run(OnnxTensor embeds, int length) throws OrtException {
        int past = cache.length();
        List<OnnxTensor> owned = new ArrayList<>(shape.layers() * 4 + 3);
        try {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("inputs_embeds", embeds);
            OnnxTensor mask = OnnxTensor.createTensor(environment,
                    DirectBuffers.view(ones, 0, past + length), new long[] {1, past + length});
            owned.add(mask);
            inputs.put("attention_mask", mask);
            if (takesPositionIds) {
                for (int i = 0; i < length; i++) {
                    positions.put(i, past + i);
                }
                OnnxTensor positionIds = OnnxTensor.createTensor(environment,
                        DirectBuffers.view(positions, 0, length), new long[] {1, length});
                owned.add(positionIds);
                inputs.put("position_ids", positionIds);
            }
            Map<String, OnnxValue> outputs = new HashMap<>();
            for (int i = 0; i < pastNames.length; i++) {
                OnnxTensor pastTensor = cache.past(i);
                owned.add(pastTensor);
                inputs.put(pastNames[i], pastTensor);
                OnnxTensor presentTensor = cache.present(i, length);
                owned.add(presentTensor);
                outputs.put(presentNames[i], presentTensor);
            }
            FloatBuffer logitsView = DirectBuffers.view(logits, 0, (long) length * shape.vocabSize());
            OnnxTensor logitsTensor = OnnxTensor.createTensor(environment, logitsView,
                    new long[] {1, length, shape.vocabSize()});
            owned.add(logitsTensor);
            outputs.put("logits", logitsTensor);

            long start = System.nanoTime();
            try (OrtSession.Result result = session.run(inputs, outputs)) {
                clock.addSince(start);
            }
            cache.advance(length);
            return logitsView;
        } finally {
            for (OnnxTensor tensor : owned) {
                tensor.close();
            }
        }
    }

    /** Returns the declared inputs of the decoder graph. */
    Map<String, NodeInfo> inputInfo() throws OrtException {
        return session.getInputInfo();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close the decoder session", e);
        }
    }
}
