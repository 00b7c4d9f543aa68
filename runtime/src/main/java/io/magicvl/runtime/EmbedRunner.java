package io.magicvl.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Runs the embedding graph ({@code input_ids [1, L]} to {@code inputs_embeds [1, L, D]}),
 * writing the embeddings into a caller's direct buffer as a preallocated output.
 */
final class EmbedRunner implements AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final int hidden;
    private final OrtClock clock;
    private LongBuffer ids = DirectBuffers.longs(0);

    EmbedRunner(OrtEnvironment environment, OrtSession session, int hidden, OrtClock clock) {
        this.environment = environment;
        this.session = session;
        this.hidden = hidden;
        this.clock = clock;
    }

    /** Writes the embeddings of {@code tokens} into the first {@code tokens.length * hidden} floats of {@code target}. */
    void embed(long[] tokens, FloatBuffer target) throws OrtException {
        if (ids.capacity() < tokens.length) {
            ids = DirectBuffers.longs(Math.max(tokens.length, 16));
        }
        for (int i = 0; i < tokens.length; i++) {
            ids.put(i, tokens[i]);
        }
        long[] idShape = {1, tokens.length};
        long[] embedShape = {1, tokens.length, hidden};
        try (OnnxTensor input = OnnxTensor.createTensor(environment, DirectBuffers.view(ids, 0, tokens.length), idShape);
                OnnxTensor output = OnnxTensor.createTensor(environment,
                        DirectBuffers.view(target, 0, (long) tokens.length * hidden), embedShape)) {
            long start = System.nanoTime();
            try (OrtSession.Result result = session.run(Map.of("input_ids", input), Map.of("inputs_embeds", output))) {
                clock.addSince(start);
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close the embedding session", e);
        }
    }
}
