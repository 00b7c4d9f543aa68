package io.magicvl.converter.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * A SigLIP or InternViT tower on one tile: patch embedding, position table, encoder layers
 * and, for SigLIP, {@code post_layernorm}. Returns one row per patch (InternViT's CLS row
 * is dropped).
 */
final class VisionTower {
    private final VisionSpec spec;
    private final float[] patchWeight;
    private final float[] patchBias;
    private final float[] positions;
    private final float[] classEmbedding;
    private final List<VisionLayer> layers = new ArrayList<>();
    private final float[] postNormWeight;
    private final float[] postNormBias;

    VisionTower(VisionSpec spec, WeightSource weights) {
        this.spec = spec;
        String p = spec.prefix();
        int c = spec.hiddenSize();
        int patchLength = spec.channels() * spec.patchSize() * spec.patchSize();
        patchWeight = Tensors.read(weights, p + "embeddings.patch_embedding.weight",
                (long) c * patchLength);
        patchBias = Tensors.read(weights, p + "embeddings.patch_embedding.bias", c);
        boolean siglip = spec.tower() == VisionSpec.Tower.SIGLIP;
        if (siglip) {
            // NOTE: the table must match the tile grid; position interpolation is not implemented.
            positions = Tensors.read(weights, p + "embeddings.position_embedding.weight",
                    (long) spec.patches() * c);
            classEmbedding = null;
            postNormWeight = Tensors.read(weights, p + "post_layernorm.weight", c);
            postNormBias = Tensors.read(weights, p + "post_layernorm.bias", c);
        } else {
            positions = Tensors.read(weights, p + "embeddings.position_embedding",
                    (long) (spec.patches() + 1) * c);
            classEmbedding = Tensors.read(weights, p + "embeddings.class_embedding", c);
            postNormWeight = null;
            postNormBias = null;
        }
        for (int i = 0; i < spec.layers(); i++) {
            layers.add(siglip ? VisionLayer.siglip(spec, weights, i)
                    : VisionLayer.internVit(spec, weights, i));
        }
    }

    /**
     * Runs the tower on tile {@code tile} of {@code pixels} ([T, channels, S, S]).
     *
     * @param patchMask [T, P] with 1 for a patch inside the image; null means all valid
     * @return [P][C]: SigLIP after {@code post_layernorm}, InternViT the last layer without CLS
     */
    float[][] forward(float[] pixels, long[] patchMask, int tile) {
        int c = spec.hiddenSize();
        int patches = spec.patches();
        float[][] embedded = embedPatches(pixels, tile);
        boolean siglip = spec.tower() == VisionSpec.Tower.SIGLIP;
        int offset = siglip ? 0 : 1;
        float[][] x = new float[patches + offset][];
        if (!siglip) {
            x[0] = new float[c];
            for (int i = 0; i < c; i++) {
                x[0][i] = classEmbedding[i] + positions[i];
            }
        }
        for (int t = 0; t < patches; t++) {
            float[] row = embedded[t];
            int base = (t + offset) * c;
            for (int i = 0; i < c; i++) {
                row[i] += positions[base + i];
            }
            x[t + offset] = row;
        }

        boolean[] keyAllowed = new boolean[patches + offset];
        java.util.Arrays.fill(keyAllowed, true);
        if (patchMask != null) {
            for (int t = 0; t < patches; t++) {
                keyAllowed[t + offset] = patchMask[tile * patches + t] != 0;
            }
        }
        for (VisionLayer layer : layers) {
            layer.forward(x, keyAllowed);
        }

        float[][] out = java.util.Arrays.copyOfRange(x, offset, x.length);
        return siglip ? TensorMath.layerNorm(out, postNormWeight, postNormBias, spec.layerNormEps())
                : out;
    }

    /**
     * Computes the Conv2d patch embedding (stride = kernel = patch) as one dot product per
     * patch and output channel, with the weight read in (channel, ky, kx) order.
     */
    private float[][] embedPatches(float[] pixels, int tile) {
        int c = spec.hiddenSize();
        int channels = spec.channels();
        int size = spec.imageSize();
        int patch = spec.patchSize();
        int grid = spec.gridSize();
        int patchLength = channels * patch * patch;
        int tileOffset = tile * spec.pixelsPerTile();
        float[][] out = new float[spec.patches()][];
        TensorMath.rows(spec.patches(), (long) c * patchLength).forEach(t -> {
            int py = t / grid;
            int px = t % grid;
            float[] vector = new float[patchLength];
            int n = 0;
            for (int ch = 0; ch < channels; ch++) {
                for (int ky = 0; ky < patch; ky++) {
                    int rowStart = tileOffset + (ch * size + py * patch + ky) * size + px * patch;
                    for (int kx = 0; kx < patch; kx++) {
                        vector[n++] = pixels[rowStart + kx];
                    }
                }
            }
            float[] row = new float[c];
            for (int o = 0; o < c; o++) {
                double sum = patchBias[o];
                int w = o * patchLength;
                for (int i = 0; i < patchLength; i++) {
                    sum += (double) vector[i] * patchWeight[w + i];
                }
                row[o] = (float) sum;
            }
            out[t] = row;
        });
        return out;
    }
}
