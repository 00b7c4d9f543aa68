package io.magicvl.converter.reference;

import java.util.Objects;

/**
 * Hyperparameters of a vision tower and its {@code mlp1} projector.
 *
 * @param tower which tower architecture
 * @param activation MLP activation of the tower
 * @param hiddenSize tower width C
 * @param intermediateSize tower MLP width
 * @param layers number of encoder layers
 * @param heads attention heads (head size C / heads)
 * @param patchSize patch side in pixels
 * @param imageSize tile side in pixels (a multiple of {@code patchSize})
 * @param channels input channels (3)
 * @param layerNormEps epsilon of the tower's LayerNorms
 * @param projectorEps epsilon of the projector's LayerNorm ({@code mlp1.0}; 1e-5 in PyTorch)
 * @param projectorSize output width of the projector (the decoder hidden size)
 * @param prefix tensor name prefix of the tower, for example {@code vision_model.}
 * @param projectorPrefix tensor name prefix of the projector, for example {@code mlp1.}
 */
public record VisionSpec(
        Tower tower,
        Activation activation,
        int hiddenSize,
        int intermediateSize,
        int layers,
        int heads,
        int patchSize,
        int imageSize,
        int channels,
        double layerNormEps,
        double projectorEps,
        int projectorSize,
        String prefix,
        String projectorPrefix) {

    /** Vision tower architectures. */
    public enum Tower {
        /**
         * SigLIP: Conv2d patch embedding, learned position table, pre-norm layers with
         * separate q/k/v projections, {@code post_layernorm}.
         */
        SIGLIP,
        /**
         * InternViT: CLS token, position table including the CLS row, packed [Q;K;V]
         * projection, layer scale {@code ls1}/{@code ls2}, no final norm, CLS dropped.
         */
        INTERN_VIT
    }

    /** MLP activations. */
    public enum Activation {
        /** {@code gelu_pytorch_tanh}. */
        GELU_TANH,
        /** {@code gelu}: exact, with erf. */
        GELU_ERF
    }

    public VisionSpec {
        Objects.requireNonNull(tower, "tower");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(projectorPrefix, "projectorPrefix");
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException(
                    "hiddenSize " + hiddenSize + " is not divisible by heads " + heads);
        }
        if (imageSize % patchSize != 0 || (imageSize / patchSize) % 2 != 0) {
            throw new IllegalArgumentException("imageSize " + imageSize
                    + " must be an even multiple of patchSize " + patchSize
                    + " for the 2x2 pixel unshuffle");
        }
    }

    /** Returns the patch grid side G = imageSize / patchSize. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Returns the patches per tile P = G². */
    public int patches() {
        return gridSize() * gridSize();
    }

    /** Returns the projected tokens per tile, P / 4. */
    public int tokensPerTile() {
        return patches() / 4;
    }

    /** Returns the attention head size. */
    public int headDim() {
        return hiddenSize / heads;
    }

    /** Returns the values of one tile of pixels, channels · imageSize². */
    public int pixelsPerTile() {
        return channels * imageSize * imageSize;
    }
}
