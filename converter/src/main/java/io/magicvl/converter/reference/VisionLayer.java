package io.magicvl.converter.reference;

/**
 * One pre-norm encoder layer of a vision tower:
 * {@code x = x + ls1 ⊙ out(attn(norm1(x)))}, {@code x = x + ls2 ⊙ fc2(act(fc1(norm2(x))))}.
 * SigLIP layers have no layer scale (ls1 and ls2 are null).
 */
final class VisionLayer {
    private final VisionSpec spec;
    private final float[] norm1Weight;
    private final float[] norm1Bias;
    private final float[] qWeight;
    private final float[] qBias;
    private final float[] kWeight;
    private final float[] kBias;
    private final float[] vWeight;
    private final float[] vBias;
    private final float[] outWeight;
    private final float[] outBias;
    private final float[] norm2Weight;
    private final float[] norm2Bias;
    private final float[] fc1Weight;
    private final float[] fc1Bias;
    private final float[] fc2Weight;
    private final float[] fc2Bias;
    private final float[] layerScale1;
    private final float[] layerScale2;

    private VisionLayer(VisionSpec spec, float[][] w) {
        this.spec = spec;
        norm1Weight = w[0];
        norm1Bias = w[1];
        qWeight = w[2];
        qBias = w[3];
        kWeight = w[4];
        kBias = w[5];
        vWeight = w[6];
        vBias = w[7];
        outWeight = w[8];
        outBias = w[9];
        norm2Weight = w[10];
        norm2Bias = w[11];
        fc1Weight = w[12];
        fc1Bias = w[13];
        fc2Weight = w[14];
        fc2Bias = w[15];
        layerScale1 = w[16];
        layerScale2 = w[17];
    }

    /** Loads layer {@code index} of a SigLIP tower ({@code encoder.layers.i.*}). */
    static VisionLayer siglip(VisionSpec spec, WeightSource weights, int index) {
        String p = spec.prefix() + "encoder.layers." + index + ".";
        int c = spec.hiddenSize();
        int f = spec.intermediateSize();
        return new VisionLayer(spec, new float[][] {
            Tensors.read(weights, p + "layer_norm1.weight", c),
            Tensors.read(weights, p + "layer_norm1.bias", c),
            Tensors.read(weights, p + "self_attn.q_proj.weight", (long) c * c),
            Tensors.read(weights, p + "self_attn.q_proj.bias", c),
            Tensors.read(weights, p + "self_attn.k_proj.weight", (long) c * c),
            Tensors.read(weights, p + "self_attn.k_proj.bias", c),
            Tensors.read(weights, p + "self_attn.v_proj.weight", (long) c * c),
            Tensors.read(weights, p + "self_attn.v_proj.bias", c),
            Tensors.read(weights, p + "self_attn.out_proj.weight", (long) c * c),
            Tensors.read(weights, p + "self_attn.out_proj.bias", c),
            Tensors.read(weights, p + "layer_norm2.weight", c),
            Tensors.read(weights, p + "layer_norm2.bias", c),
            Tensors.read(weights, p + "mlp.fc1.weight", (long) f * c),
            Tensors.read(weights, p + "mlp.fc1.bias", f),
            Tensors.read(weights, p + "mlp.fc2.weight", (long) c * f),
            Tensors.read(weights, p + "mlp.fc2.bias", c),
            null,
            null
        });
    }

    /**
     * Loads layer {@code index} of an InternViT tower. The packed {@code attn.qkv} weight
     * [3C, C] contains rows 0..C-1 = Q, C..2C-1 = K, 2C..3C-1 = V.
     */
    static VisionLayer internVit(VisionSpec spec, WeightSource weights, int index) {
        String p = spec.prefix() + "encoder.layers." + index + ".";
        int c = spec.hiddenSize();
        int f = spec.intermediateSize();
        float[] qkv = Tensors.read(weights, p + "attn.qkv.weight", 3L * c * c);
        float[] qkvBias = Tensors.readOptional(weights, p + "attn.qkv.bias", 3L * c);
        int block = c * c;
        return new VisionLayer(spec, new float[][] {
            Tensors.read(weights, p + "norm1.weight", c),
            Tensors.read(weights, p + "norm1.bias", c),
            java.util.Arrays.copyOfRange(qkv, 0, block),
            qkvBias == null ? null : java.util.Arrays.copyOfRange(qkvBias, 0, c),
            java.util.Arrays.copyOfRange(qkv, block, 2 * block),
            qkvBias == null ? null : java.util.Arrays.copyOfRange(qkvBias, c, 2 * c),
            java.util.Arrays.copyOfRange(qkv, 2 * block, 3 * block),
            qkvBias == null ? null : java.util.Arrays.copyOfRange(qkvBias, 2 * c, 3 * c),
            Tensors.read(weights, p + "attn.proj.weight", (long) c * c),
            Tensors.read(weights, p + "attn.proj.bias", c),
            Tensors.read(weights, p + "norm2.weight", c),
            Tensors.read(weights, p + "norm2.bias", c),
            Tensors.read(weights, p + "mlp.fc1.weight", (long) f * c),
            Tensors.read(weights, p + "mlp.fc1.bias", f),
            Tensors.read(weights, p + "mlp.fc2.weight", (long) c * f),
            Tensors.read(weights, p + "mlp.fc2.bias", c),
            Tensors.read(weights, p + "ls1", c),
            Tensors.read(weights, p + "ls2", c)
        });
    }

    /**
     * Applies the layer to the token rows {@code x} in place.
     *
     * @param keyAllowed per-token flags; false excludes that token as an attention key
     */
    void forward(float[][] x, boolean[] keyAllowed) {
        int c = spec.hiddenSize();
        int f = spec.intermediateSize();
        int tokens = x.length;

        float[][] normed = TensorMath.layerNorm(x, norm1Weight, norm1Bias, spec.layerNormEps());
        float[][] q = TensorMath.linear(normed, qWeight, qBias, c);
        float[][] k = TensorMath.linear(normed, kWeight, kBias, c);
        float[][] v = TensorMath.linear(normed, vWeight, vBias, c);

        int heads = spec.heads();
        int headDim = spec.headDim();
        double scale = 1.0 / Math.sqrt(headDim);
        float[][] context = new float[tokens][c];
        TensorMath.rows(tokens * heads, (long) tokens * headDim * 2).forEach(job -> {
            int t = job / heads;
            int h = job % heads;
            TensorMath.attend(q[t], h * headDim, k, v, h * headDim, headDim, tokens, keyAllowed,
                    scale, context[t], h * headDim);
        });
        float[][] attended = TensorMath.linear(context, outWeight, outBias, c);
        addScaled(x, attended, layerScale1);

        float[][] normed2 = TensorMath.layerNorm(x, norm2Weight, norm2Bias, spec.layerNormEps());
        float[][] hidden = TensorMath.linear(normed2, fc1Weight, fc1Bias, f);
        for (float[] row : hidden) {
            for (int i = 0; i < f; i++) {
                row[i] = spec.activation() == VisionSpec.Activation.GELU_TANH
                        ? TensorMath.geluTanh(row[i])
                        : TensorMath.geluErf(row[i]);
            }
        }
        float[][] mlp = TensorMath.linear(hidden, fc2Weight, fc2Bias, c);
        addScaled(x, mlp, layerScale2);
    }

    private static void addScaled(float[][] x, float[][] delta, float[] scale) {
        if (scale == null) {
            TensorMath.addInPlace(x, delta);
            return;
        }
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < x[t].length; i++) {
                x[t][i] += scale[i] * delta[t][i];
            }
        }
    }
}
