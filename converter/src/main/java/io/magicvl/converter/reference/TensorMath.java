package io.magicvl.converter.reference;

import java.util.stream.IntStream;

/**
 * Naive kernels of the reference: activations are float32 arrays, every sum is accumulated
 * in float64 and rounded to float32 once per output element.
 *
 * <p>Matrices are row-major. A linear layer's weight is stored as in the checkpoint,
 * {@code [out, in]}, and computes {@code y = x · Wᵀ + b}.
 */
final class TensorMath {

    /** Work (multiply-adds) below which a kernel stays on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 16;

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private TensorMath() {}

    /** Returns a range over {@code n} rows, parallel when the total work is large. */
    static IntStream rows(int n, long workPerRow) {
        IntStream range = IntStream.range(0, n);
        return (long) n * workPerRow >= PARALLEL_THRESHOLD ? range.parallel() : range;
    }

    /**
     * Applies a linear layer to each row of {@code x}.
     *
     * @param x input rows, each of length {@code in}
     * @param weight {@code [out, in]}
     * @param bias {@code [out]} or null
     * @return output rows, each of length {@code out}
     */
    static float[][] linear(float[][] x, float[] weight, float[] bias, int out) {
        float[][] y = new float[x.length][];
        int in = x.length == 0 ? 0 : x[0].length;
        requireLength(weight, (long) out * in, "linear weight");
        if (bias != null) {
            requireLength(bias, out, "linear bias");
        }
        rows(x.length, (long) out * in).forEach(r -> y[r] = linearRow(x[r], weight, bias, out));
        return y;
    }

    /** Applies a linear layer to one vector; parallel over output rows when it is large. */
    static float[] linear(float[] x, float[] weight, float[] bias, int out) {
        int in = x.length;
        requireLength(weight, (long) out * in, "linear weight");
        float[] y = new float[out];
        rows(out, in).forEach(o -> y[o] = dot(x, weight, o * in, bias == null ? 0.0 : bias[o]));
        return y;
    }

    private static float[] linearRow(float[] x, float[] weight, float[] bias, int out) {
        float[] y = new float[out];
        int in = x.length;
        for (int o = 0; o < out; o++) {
            y[o] = dot(x, weight, o * in, bias == null ? 0.0 : bias[o]);
        }
        return y;
    }

    private static float dot(float[] x, float[] weight, int offset, double start) {
        double sum = start;
        for (int i = 0; i < x.length; i++) {
            sum += (double) x[i] * weight[offset + i];
        }
        return (float) sum;
    }

    /** LayerNorm over the last dimension with biased variance: (x - mean) / sqrt(var + eps) · w + b. */
    static float[] layerNorm(float[] x, float[] weight, float[] bias, double eps) {
        int n = x.length;
        double mean = 0.0;
        for (float v : x) {
            mean += v;
        }
        mean /= n;
        double variance = 0.0;
        for (float v : x) {
            double d = v - mean;
            variance += d * d;
        }
        variance /= n;
        double inverse = 1.0 / Math.sqrt(variance + eps);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) ((x[i] - mean) * inverse * weight[i] + bias[i]);
        }
        return y;
    }

    static float[][] layerNorm(float[][] x, float[] weight, float[] bias, double eps) {
        float[][] y = new float[x.length][];
        rows(x.length, 4L * weight.length).forEach(r -> y[r] = layerNorm(x[r], weight, bias, eps));
        return y;
    }

    /**
     * RMSNorm in float32 semantics: the normalized value is rounded to float32 before it is
     * multiplied by the weight, as the Hugging Face implementations do.
     */
    static float[] rmsNorm(float[] x, int offset, int length, float[] weight, double eps) {
        double squares = 0.0;
        for (int i = 0; i < length; i++) {
            double v = x[offset + i];
            squares += v * v;
        }
        float inverse = (float) (1.0 / Math.sqrt(squares / length + eps));
        float[] y = new float[length];
        for (int i = 0; i < length; i++) {
            float normalized = x[offset + i] * inverse;
            y[i] = weight[i] * normalized;
        }
        return y;
    }

    static float[] rmsNorm(float[] x, float[] weight, double eps) {
        return rmsNorm(x, 0, x.length, weight, eps);
    }

    /** Tanh-approximated GELU: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    static float geluTanh(float value) {
        double x = value;
        return (float) (0.5 * x * (1.0 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))));
    }

    /** Exact GELU: 0.5·x·(1 + erf(x / √2)). */
    static float geluErf(float value) {
        double x = value;
        return (float) (0.5 * x * (1.0 + erf(x / Math.sqrt(2.0))));
    }

    /** SiLU: x · sigmoid(x). */
    static float silu(float value) {
        double x = value;
        return (float) (x / (1.0 + Math.exp(-x)));
    }

    /**
     * Returns the error function (within 1e-12 of a numerical integral in the tests).
     *
     * <p>Uses the all-positive series erf(x) = 2/√π · exp(-x²) · Σ 2ⁿ x²ⁿ⁺¹ / (1·3·…·(2n+1)),
     * which has no cancellation; beyond |x| = 6 erf is ±1 to double precision.
     */
    static double erf(double x) {
        double a = Math.abs(x);
        if (a >= 6.0) {
            return Math.signum(x);
        }
        double term = a;
        double sum = a;
        double square = a * a;
        for (int n = 1; n < 500; n++) {
            term *= 2.0 * square / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        double result = TWO_OVER_SQRT_PI * Math.exp(-square) * sum;
        return x < 0 ? -result : result;
    }

    /**
     * Scaled dot-product attention of one query over {@code keyCount} keys, softmax in float64.
     *
     * <p>Keys and values are read from {@code keys}/{@code values} rows at {@code offset} with
     * length {@code headDim}. Keys whose {@code allowed} entry is false are excluded; when no
     * key is allowed all keys get equal weight (what an additive mask of the float32 minimum
     * gives).
     *
     * @param allowed per-key flags, or null to allow every key
     */
    static void attend(float[] query, int queryOffset, float[][] keys, float[][] values, int offset,
            int headDim, int keyCount, boolean[] allowed, double scale, float[] out, int outOffset) {
        double[] scores = new double[keyCount];
        double max = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (int k = 0; k < keyCount; k++) {
            if (allowed != null && !allowed[k]) {
                scores[k] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double sum = 0.0;
            float[] key = keys[k];
            for (int d = 0; d < headDim; d++) {
                sum += (double) query[queryOffset + d] * key[offset + d];
            }
            scores[k] = sum * scale;
            max = Math.max(max, scores[k]);
            any = true;
        }
        if (!any) {
            java.util.Arrays.fill(scores, 0.0);
            max = 0.0;
        }
        double total = 0.0;
        for (int k = 0; k < keyCount; k++) {
            scores[k] = Math.exp(scores[k] - max);
            total += scores[k];
        }
        double[] accumulator = new double[headDim];
        for (int k = 0; k < keyCount; k++) {
            double weight = scores[k] / total;
            if (weight == 0.0) {
                continue;
            }
            float[] value = values[k];
            for (int d = 0; d < headDim; d++) {
                accumulator[d] += weight * value[offset + d];
            }
        }
        for (int d = 0; d < headDim; d++) {
            out[outOffset + d] = (float) accumulator[d];
        }
    }

    static void addInPlace(float[][] x, float[][] delta) {
        for (int r = 0; r < x.length; r++) {
            addInPlace(x[r], delta[r]);
        }
    }

    static void addInPlace(float[] x, float[] delta) {
        for (int i = 0; i < x.length; i++) {
            x[i] += delta[i];
        }
    }

    static void requireLength(float[] values, long expected, String what) {
        if (values.length != expected) {
            throw new IllegalArgumentException(
                    what + " has " + values.length + " values, expected " + expected);
        }
    }
}
