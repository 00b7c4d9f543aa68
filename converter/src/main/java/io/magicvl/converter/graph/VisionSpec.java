package io.magicvl.converter.graph;

/**
 * Hyperparameters of a vision tower and its projector, as the vision graph uses them.
 *
 * @param prefix tensor name prefix of the tower, for example {@code vision_model.}
 * @param projectorPrefix tensor name prefix of {@code mlp1}, for example {@code mlp1.}
 * @param hidden tower hidden size
 * @param layers encoder layers
 * @param heads attention heads
 * @param intermediate MLP width of the tower
 * @param imageSize tile side in pixels
 * @param patchSize patch side in pixels
 * @param layerNormEps LayerNorm epsilon of the tower
 * @param outputHidden projector output size (the decoder's hidden size)
 */
public record VisionSpec(
        String prefix,
        String projectorPrefix,
        int hidden,
        int layers,
        int heads,
        int intermediate,
        int imageSize,
        int patchSize,
        double layerNormEps,
        int outputHidden) {
    /** LayerNorm epsilon of {@code mlp1.0}, PyTorch's default. */
    public static final double PROJECTOR_EPS = 1e-5;

    /** Returns the patch grid side. */
    public int grid() {
        return imageSize / patchSize;
    }

    /** Returns the patches per tile. */
    public int patches() {
        return grid() * grid();
    }

    /** Returns the tokens per tile after the 2x2 pixel unshuffle. */
    public int tokensPerTile() {
        return patches() / 4;
    }
}
