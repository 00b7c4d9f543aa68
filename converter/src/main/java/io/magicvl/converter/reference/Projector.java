package io.magicvl.converter.reference;

/**
 * The InternVL projector {@code mlp1}: LayerNorm(4C) → Linear({@code mlp1.1}) → exact GELU
 * → Linear({@code mlp1.3}).
 */
final class Projector {
    private final VisionSpec spec;
    private final float[] normWeight;
    private final float[] normBias;
    private final float[] fc1Weight;
    private final float[] fc1Bias;
    private final float[] fc2Weight;
    private final float[] fc2Bias;

    Projector(VisionSpec spec, WeightSource weights) {
        this.spec = spec;
        String p = spec.projectorPrefix();
        int in = 4 * spec.hiddenSize();
        int out = spec.projectorSize();
        normWeight = Tensors.read(weights, p + "0.weight", in);
        normBias = Tensors.read(weights, p + "0.bias", in);
        fc1Weight = Tensors.read(weights, p + "1.weight", (long) out * in);
        fc1Bias = Tensors.read(weights, p + "1.bias", out);
        fc2Weight = Tensors.read(weights, p + "3.weight", (long) out * out);
        fc2Bias = Tensors.read(weights, p + "3.bias", out);
    }

    /** Projects merged tokens [N][4C] to [N][projectorSize]. */
    float[][] forward(float[][] merged) {
        int out = spec.projectorSize();
        float[][] normed = TensorMath.layerNorm(merged, normWeight, normBias, spec.projectorEps());
        float[][] hidden = TensorMath.linear(normed, fc1Weight, fc1Bias, out);
        for (float[] row : hidden) {
            for (int i = 0; i < out; i++) {
                row[i] = TensorMath.geluErf(row[i]);
            }
        }
        return TensorMath.linear(hidden, fc2Weight, fc2Bias, out);
    }
}
