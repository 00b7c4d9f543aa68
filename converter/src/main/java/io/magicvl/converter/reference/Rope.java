package io.magicvl.converter.reference;

/**
 * Rotary position embedding in the rotate-half convention: element k of a head pairs with
 * element k + d/2. Frequencies and angles are computed in float32 as transformers does:
 * {@code inv_freq[k] = 1 / theta^(2k/d)} and {@code angle = position · inv_freq[k]}.
 */
final class Rope {
    private final int headDim;
    private final float[] inverseFrequencies;

    Rope(int headDim, double theta) {
        this.headDim = headDim;
        int half = headDim / 2;
        inverseFrequencies = new float[half];
        for (int k = 0; k < half; k++) {
            float exponent = (float) (2 * k) / (float) headDim;
            float power = (float) Math.pow(theta, exponent);
            inverseFrequencies[k] = 1.0f / power;
        }
    }

    /** Returns inv_freq (float32), length d/2. */
    float[] inverseFrequencies() {
        return inverseFrequencies.clone();
    }

    /**
     * Rotates one head in place: x' = x·cos + rotate_half(x)·sin with rotate_half([x1, x2]) =
     * [-x2, x1], each product and sum rounded to float32.
     */
    void apply(float[] x, int offset, long position) {
        int half = headDim / 2;
        for (int k = 0; k < half; k++) {
            float angle = (float) position * inverseFrequencies[k];
            float cos = (float) Math.cos(angle);
            float sin = (float) Math.sin(angle);
            float first = x[offset + k];
            float second = x[offset + k + half];
            x[offset + k] = first * cos + (-second) * sin;
            x[offset + k + half] = second * cos + first * sin;
        }
    }
}
