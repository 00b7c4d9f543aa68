package io.magicvl.converter.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * One decoder layer with its KV cache:
 * {@code h = x + o(attn(RMSNorm(x)))}, {@code y = h + down(silu(gate(n)) ⊙ up(n))} with
 * {@code n = RMSNorm(h)}. Cached keys are stored after QK-norm and RoPE.
 */
final class DecoderLayer {
    private final DecoderSpec spec;
    private final Rope rope;
    private final float[] inputNorm;
    private final float[] qWeight;
    private final float[] qBias;
    private final float[] kWeight;
    private final float[] kBias;
    private final float[] vWeight;
    private final float[] vBias;
    private final float[] oWeight;
    private final float[] oBias;
    private final float[] qNorm;
    private final float[] kNorm;
    private final float[] postNorm;
    private final float[] gateWeight;
    private final float[] upWeight;
    private final float[] downWeight;

    /** Cached keys and values, one row [kvHeads · headDim] per position. */
    private final List<float[]> keys = new ArrayList<>();
    private final List<float[]> values = new ArrayList<>();

    DecoderLayer(DecoderSpec spec, Rope rope, WeightSource weights, int index) {
        this.spec = spec;
        this.rope = rope;
        int d = spec.hiddenSize();
        int f = spec.intermediateSize();
        int qRows = spec.heads() * spec.headDim();
        int kvRows = spec.kvHeads() * spec.headDim();
        String p = spec.prefix() + "layers." + index + ".";
        if (spec.family() == DecoderSpec.Family.INTERNLM2) {
            inputNorm = Tensors.read(weights, p + "attention_norm.weight", d);
            float[] packed = Tensors.read(weights, p + "attention.wqkv.weight",
                    (long) (qRows + 2 * kvRows) * d);
            float[][] split = unpackGroupedQkv(packed, spec.heads(), spec.kvHeads(), spec.headDim(), d);
            qWeight = split[0];
            kWeight = split[1];
            vWeight = split[2];
            float[] packedBias = spec.attentionBias()
                    ? Tensors.read(weights, p + "attention.wqkv.bias", qRows + 2L * kvRows) : null;
            float[][] splitBias = packedBias == null ? new float[3][]
                    : unpackGroupedQkv(packedBias, spec.heads(), spec.kvHeads(), spec.headDim(), 1);
            qBias = splitBias[0];
            kBias = splitBias[1];
            vBias = splitBias[2];
            oWeight = Tensors.read(weights, p + "attention.wo.weight", (long) d * qRows);
            oBias = spec.outputBias() ? Tensors.read(weights, p + "attention.wo.bias", d) : null;
            qNorm = null;
            kNorm = null;
            postNorm = Tensors.read(weights, p + "ffn_norm.weight", d);
            gateWeight = Tensors.read(weights, p + "feed_forward.w1.weight", (long) f * d);
            upWeight = Tensors.read(weights, p + "feed_forward.w3.weight", (long) f * d);
            downWeight = Tensors.read(weights, p + "feed_forward.w2.weight", (long) d * f);
        } else {
            inputNorm = Tensors.read(weights, p + "input_layernorm.weight", d);
            qWeight = Tensors.read(weights, p + "self_attn.q_proj.weight", (long) qRows * d);
            kWeight = Tensors.read(weights, p + "self_attn.k_proj.weight", (long) kvRows * d);
            vWeight = Tensors.read(weights, p + "self_attn.v_proj.weight", (long) kvRows * d);
            boolean bias = spec.attentionBias();
            qBias = bias ? Tensors.read(weights, p + "self_attn.q_proj.bias", qRows) : null;
            kBias = bias ? Tensors.read(weights, p + "self_attn.k_proj.bias", kvRows) : null;
            vBias = bias ? Tensors.read(weights, p + "self_attn.v_proj.bias", kvRows) : null;
            oWeight = Tensors.read(weights, p + "self_attn.o_proj.weight", (long) d * qRows);
            oBias = spec.outputBias() ? Tensors.read(weights, p + "self_attn.o_proj.bias", d) : null;
            boolean qk = spec.qkNorm();
            qNorm = qk ? Tensors.read(weights, p + "self_attn.q_norm.weight", spec.headDim()) : null;
            kNorm = qk ? Tensors.read(weights, p + "self_attn.k_norm.weight", spec.headDim()) : null;
            postNorm = Tensors.read(weights, p + "post_attention_layernorm.weight", d);
            gateWeight = Tensors.read(weights, p + "mlp.gate_proj.weight", (long) f * d);
            upWeight = Tensors.read(weights, p + "mlp.up_proj.weight", (long) f * d);
            downWeight = Tensors.read(weights, p + "mlp.down_proj.weight", (long) d * f);
        }
    }

    /**
     * Splits an InternLM2 {@code wqkv} weight (or bias, with {@code columns} = 1) into Q, K, V.
     *
     * <p>The packed rows are viewed as [kvHeads][g + 2][headDim] with g = heads / kvHeads: for
     * KV group h, slots 0..g-1 are query heads h·g..h·g+g-1, slot g is key head h and slot
     * g+1 is value head h.
     *
     * @return {Q [heads·headDim, columns], K [kvHeads·headDim, columns], V (as K)}
     */
    static float[][] unpackGroupedQkv(float[] packed, int heads, int kvHeads, int headDim, int columns) {
        int g = heads / kvHeads;
        int headBlock = headDim * columns;
        float[] q = new float[heads * headBlock];
        float[] k = new float[kvHeads * headBlock];
        float[] v = new float[kvHeads * headBlock];
        for (int h = 0; h < kvHeads; h++) {
            int group = h * (g + 2) * headBlock;
            for (int s = 0; s < g; s++) {
                System.arraycopy(packed, group + s * headBlock, q, (h * g + s) * headBlock, headBlock);
            }
            System.arraycopy(packed, group + g * headBlock, k, h * headBlock, headBlock);
            System.arraycopy(packed, group + (g + 1) * headBlock, v, h * headBlock, headBlock);
        }
        return new float[][] {q, k, v};
    }

    /** Number of cached positions. */
    int cacheLength() {
        return keys.size();
    }

    void clearCache() {
        keys.clear();
        values.clear();
    }

    /** Returns the cache as [kvHeads, T, headDim] (keys or values), the layout of {@code present.N.*}. */
    float[] present(boolean wantKeys) {
        List<float[]> rows = wantKeys ? keys : values;
        int hd = spec.headDim();
        int length = rows.size();
        float[] out = new float[spec.kvHeads() * length * hd];
        for (int t = 0; t < length; t++) {
            float[] row = rows.get(t);
            for (int h = 0; h < spec.kvHeads(); h++) {
                System.arraycopy(row, h * hd, out, (h * length + t) * hd, hd);
            }
        }
        return out;
    }

    /**
     * Applies the layer in place to new rows {@code x} at positions cacheLength.., appending
     * their keys and values to the cache. Query i attends to every cached key and to new keys
     * 0..i (causal).
     */
    void forward(float[][] x) {
        int hd = spec.headDim();
        int heads = spec.heads();
        int kvHeads = spec.kvHeads();
        int past = keys.size();
        int count = x.length;

        float[][] normed = new float[count][];
        for (int s = 0; s < count; s++) {
            normed[s] = TensorMath.rmsNorm(x[s], inputNorm, spec.rmsNormEps());
        }
        float[][] q = TensorMath.linear(normed, qWeight, qBias, heads * hd);
        float[][] k = TensorMath.linear(normed, kWeight, kBias, kvHeads * hd);
        float[][] v = TensorMath.linear(normed, vWeight, vBias, kvHeads * hd);
        for (int s = 0; s < count; s++) {
            long position = past + s;
            prepareHeads(q[s], heads, qNorm, position);
            prepareHeads(k[s], kvHeads, kNorm, position);
            keys.add(k[s]);
            values.add(v[s]);
        }

        float[][] keyRows = keys.toArray(new float[0][]);
        float[][] valueRows = values.toArray(new float[0][]);
        double scale = 1.0 / Math.sqrt(hd);
        int g = spec.groupSize();
        float[][] context = new float[count][heads * hd];
        TensorMath.rows(count * heads, (long) (past + count) * hd * 2).forEach(job -> {
            int s = job / heads;
            int h = job % heads;
            int kvHead = h / g;
            TensorMath.attend(q[s], h * hd, keyRows, valueRows, kvHead * hd, hd, past + s + 1,
                    null, scale, context[s], h * hd);
        });
        float[][] attended = TensorMath.linear(context, oWeight, oBias, spec.hiddenSize());
        TensorMath.addInPlace(x, attended);

        int f = spec.intermediateSize();
        float[][] normed2 = new float[count][];
        for (int s = 0; s < count; s++) {
            normed2[s] = TensorMath.rmsNorm(x[s], postNorm, spec.rmsNormEps());
        }
        float[][] gate = TensorMath.linear(normed2, gateWeight, null, f);
        float[][] up = TensorMath.linear(normed2, upWeight, null, f);
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < f; i++) {
                gate[s][i] = TensorMath.silu(gate[s][i]) * up[s][i];
            }
        }
        float[][] down = TensorMath.linear(gate, downWeight, null, spec.hiddenSize());
        TensorMath.addInPlace(x, down);
    }

    /** Applies the optional per-head RMSNorm and then RoPE to every head of one row. */
    private void prepareHeads(float[] row, int headCount, float[] norm, long position) {
        int hd = spec.headDim();
        for (int h = 0; h < headCount; h++) {
            if (norm != null) {
                float[] normalized = TensorMath.rmsNorm(row, h * hd, hd, norm, spec.rmsNormEps());
                System.arraycopy(normalized, 0, row, h * hd, hd);
            }
            rope.apply(row, h * hd, position);
        }
    }
}
