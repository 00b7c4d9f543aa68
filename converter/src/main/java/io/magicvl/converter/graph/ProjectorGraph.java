package io.magicvl.converter.graph;

/**
 * The InternVL projector {@code mlp1}: LayerNorm (eps 1e-5) -> Linear -> exact GELU -> Linear,
 * applied to unshuffled tokens of width 4 x the tower's hidden size.
 */
final class ProjectorGraph {
    private ProjectorGraph() {}

    /** Adds {@code mlp1} on {@code tokens} [T, N, 4C], naming the result {@code outputName}. */
    static String addTo(Ops ops, VisionSpec spec, String tokens, String outputName) {
        String prefix = spec.projectorPrefix();
        String path = "/vision/mlp1";
        String normed = ops.layerNorm(path + "/0", tokens, prefix + "0", VisionSpec.PROJECTOR_EPS);
        String up = ops.linear(path + "/1", normed, prefix + "1.weight", prefix + "1.bias");
        String act = ops.gelu(path + "/2", up, "none");
        String out = ops.linear(path + "/3", act, prefix + "3.weight", prefix + "3.bias");
        return ops.graph().node(path + "/Identity", "Identity").in(out).out(outputName);
    }
}
