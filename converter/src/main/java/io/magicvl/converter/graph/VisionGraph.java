package io.magicvl.converter.graph;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.Attributes;
import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.GraphBuilder;
import java.util.Arrays;

/**
 * The parts every vision graph shares: inputs, patchify-as-MatMul, the additive key mask from
 * {@code patch_mask}, bidirectional multi-head attention, and the 2x2 pixel unshuffle followed
 * by {@code mlp1}. Subclasses supply the tower's embeddings and layers.
 *
 * <p>Padded patches are masked as attention keys with {@code -Float.MAX_VALUE}, so their softmax
 * weights are exactly zero and the outputs of valid tokens do not depend on padded pixels at all
 * (bit for bit).
 */
abstract class VisionGraph {
    protected final Ops ops;
    protected final GraphBuilder g;
    protected final VisionSpec spec;

    VisionGraph(Ops ops, VisionSpec spec) {
        this.ops = ops;
        this.g = ops.graph();
        this.spec = spec;
    }

    /** Adds the whole vision graph: inputs, tower, unshuffle, projector and the output. */
    final void build() {
        String pixels = g.input(GraphNames.PIXEL_VALUES, ElementType.FLOAT, "tiles", 3, spec.imageSize(),
                spec.imageSize());
        String mask = g.input(GraphNames.PATCH_MASK, ElementType.INT64, "tiles", spec.patches());
        String hidden = tower(pixels, keyBias(mask));
        String tokens = unshuffle("/vision/unshuffle", hidden);
        ProjectorGraph.addTo(ops, spec, tokens, GraphNames.IMAGE_FEATURES);
        g.output(GraphNames.IMAGE_FEATURES, ElementType.FLOAT, "tiles", spec.tokensPerTile(), spec.outputHidden());
    }

    /** Returns the tower's patch features [T, P, hidden] (without any class token). */
    protected abstract String tower(String pixels, String keyBias);

    /** Returns the patches of {@code pixels} projected by the patch embedding: [T, P, hidden]. */
    protected String patchEmbedding(String pixels) {
        int grid = spec.grid();
        int p = spec.patchSize();
        String weight = spec.prefix() + "embeddings.patch_embedding.weight";
        expectShape(weight, spec.hidden(), 3, p, p);
        String path = "/vision/embeddings/patch_embedding";
        String split = ops.reshape(path, pixels, -1, 3, grid, p, grid, p);
        String ordered = ops.transpose(path, split, 0, 2, 4, 1, 3, 5);
        String rows = g.node(path + "/Reshape_1", "Reshape").in(ordered, g.constantLongs(-1, spec.patches(), 3L * p * p))
                .out();
        return ops.linear(path, rows, weight, spec.prefix() + "embeddings.patch_embedding.bias");
    }

    /** Returns the additive key bias [T, 1, 1, P]: 0 for a valid patch, -Float.MAX_VALUE for padding. */
    private String keyBias(String mask) {
        String path = "/vision/key_mask";
        String asFloat = g.node(path + "/Cast", "Cast").in(mask).attr(Attributes.of("to", (long) ElementType.FLOAT.code()))
                .out();
        String shifted = ops.op(path, "Sub", asFloat, g.constantScalar(1f));
        String bias = ops.op(path, "Mul", shifted, g.constantScalar(Float.MAX_VALUE));
        return ops.op(path, "Unsqueeze", bias, g.constantLongs(1, 2));
    }

    /**
     * Returns bidirectional attention of q, k, v (each [T, N, hidden]) with the additive key bias
     * [T, 1, 1, N], before the output projection: [T, N, hidden].
     */
    protected String attention(String path, String q, String k, String v, String keyBias) {
        int heads = spec.heads();
        int headDim = spec.hidden() / heads;
        String qh = ops.transpose(path + "/q", ops.reshape(path + "/q", q, 0, 0, heads, headDim), 0, 2, 1, 3);
        String kh = ops.transpose(path + "/k", ops.reshape(path + "/k", k, 0, 0, heads, headDim), 0, 2, 3, 1);
        String vh = ops.transpose(path + "/v", ops.reshape(path + "/v", v, 0, 0, heads, headDim), 0, 2, 1, 3);
        String scores = g.node(path + "/scores/MatMul", "MatMul").in(qh, kh).out();
        String scaled = ops.op(path + "/scores", "Mul", scores, g.constantScalar((float) (1.0 / Math.sqrt(headDim))));
        String masked = ops.op(path + "/scores", "Add", scaled, keyBias);
        String probs = ops.softmax(path, masked);
        String context = g.node(path + "/context/MatMul", "MatMul").in(probs, vh).out();
        String merged = ops.transpose(path + "/context", context, 0, 2, 1, 3);
        return ops.reshape(path + "/context", merged, 0, 0, spec.hidden());
    }

    /**
     * Returns the 2x2 pixel unshuffle of [T, G*G, C] patch features: [T, (G/2)^2, 4C], where
     * token (i, j) concatenates patches (2i,2j), (2i,2j+1), (2i+1,2j), (2i+1,2j+1).
     */
    private String unshuffle(String path, String hidden) {
        int half = spec.grid() / 2;
        long c = spec.hidden();
        String split = ops.reshape(path, hidden, -1, half, 2, half, 2, c);
        String ordered = ops.transpose(path, split, 0, 1, 3, 2, 4, 5);
        return g.node(path + "/Reshape_1", "Reshape").in(ordered, g.constantLongs(-1, (long) half * half, 4 * c)).out();
    }

    /** Checks that tensor {@code name} has shape {@code expected}, naming both on a mismatch. */
    protected void expectShape(String name, long... expected) {
        long[] actual = ops.weights().shape(name);
        if (!Arrays.equals(actual, expected)) {
            throw MagicvlException.invalidInput("Tensor " + name + " has shape " + Arrays.toString(actual)
                    + " but the config implies " + Arrays.toString(expected)
                    + ". The checkpoint's config.json and its weights disagree.");
        }
    }
}
