package io.magicvl.core.model;

/**
 * Hyperparameters of the vision tower, with transformers' defaults filled in for missing keys.
 *
 * @param kind SigLIP (model_type {@code siglip_vision_model} or {@code siglip}) or InternViT
 * @param hiddenSize width of the tower
 * @param intermediateSize MLP width
 * @param numLayers encoder layers
 * @param numHeads attention heads
 * @param numChannels input channels (3)
 * @param imageSize tile side in pixels ({@code force_image_size} when the model config sets it)
 * @param patchSize patch side in pixels
 * @param hiddenAct MLP activation: {@code gelu_pytorch_tanh} (SigLIP) or {@code gelu} (exact, InternViT)
 * @param layerNormEps epsilon of the tower's norms
 * @param normType {@code layer_norm} or {@code rms_norm} (InternViT only)
 * @param qkvBias whether InternViT's packed qkv has a bias (SigLIP projections always have one)
 * @param qkNormalization whether InternViT normalizes q and k
 */
public record VisionConfig(
        Kind kind,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numChannels,
        int imageSize,
        int patchSize,
        String hiddenAct,
        double layerNormEps,
        String normType,
        boolean qkvBias,
        boolean qkNormalization) {

    /** The vision tower families magicvl reads. */
    public enum Kind {
        SIGLIP,
        INTERNVIT
    }

    /** Returns patches per tile side, {@code imageSize / patchSize}. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Returns patches per tile. */
    public int numPatches() {
        return gridSize() * gridSize();
    }

    /** Returns rows of the position table: patches, plus one for InternViT's class token. */
    public int numPositions() {
        return numPatches() + (kind == Kind.INTERNVIT ? 1 : 0);
    }

    /** Returns the per-head width. */
    public int headDim() {
        return hiddenSize / numHeads;
    }
}
