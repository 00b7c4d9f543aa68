package io.magicvl.core.model;

/**
 * The pixel-unshuffle merge and the {@code mlp1} projector: LayerNorm(inputSize) -> Linear ->
 * exact GELU -> Linear.
 *
 * @param downsampleRatio side ratio of the merge (0.5 merges 2x2 patches into one token)
 * @param psVersion InternVL's pixel-shuffle version ({@code v2} keeps raster token order)
 * @param inputSize merged width, vision hidden size / downsampleRatio^2
 * @param outputSize decoder hidden size
 * @param layerNormEps epsilon of {@code mlp1.0} (PyTorch's LayerNorm default, 1e-5)
 * @param activation {@code gelu} (exact erf GELU)
 * @param tokensPerTile visual tokens per full tile after the merge
 */
public record ProjectorConfig(
        double downsampleRatio,
        String psVersion,
        int inputSize,
        int outputSize,
        double layerNormEps,
        String activation,
        int tokensPerTile) {

    /** Returns the merge factor per side, for example 2 for a ratio of 0.5. */
    public int mergeFactor() {
        return (int) Math.round(1.0 / downsampleRatio);
    }
}
