package io.magicvl.converter.reference;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded random weights with the tensor names and sizes of a spec, for internal consistency tests. */
final class SyntheticWeights {
    private final SplittableRandom random;
    private final Map<String, float[]> tensors = new HashMap<>();

    private SyntheticWeights(long seed) {
        random = new SplittableRandom(seed);
    }

    static Map<String, float[]> vision(VisionSpec spec, long seed) {
        SyntheticWeights w = new SyntheticWeights(seed);
        String p = spec.prefix();
        int c = spec.hiddenSize();
        int f = spec.intermediateSize();
        int patchLength = spec.channels() * spec.patchSize() * spec.patchSize();
        w.put(p + "embeddings.patch_embedding.weight", (long) c * patchLength, 1.0 / Math.sqrt(patchLength));
        w.put(p + "embeddings.patch_embedding.bias", c, 0.1);
        boolean siglip = spec.tower() == VisionSpec.Tower.SIGLIP;
        if (siglip) {
            w.put(p + "embeddings.position_embedding.weight", (long) spec.patches() * c, 0.5);
            w.norm(p + "post_layernorm", c);
        } else {
            w.put(p + "embeddings.position_embedding", (long) (spec.patches() + 1) * c, 0.5);
            w.put(p + "embeddings.class_embedding", c, 0.5);
        }
        for (int i = 0; i < spec.layers(); i++) {
            String l = p + "encoder.layers." + i + ".";
            if (siglip) {
                w.norm(l + "layer_norm1", c);
                for (String name : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                    w.linear(l + "self_attn." + name, c, c);
                }
                w.norm(l + "layer_norm2", c);
            } else {
                w.norm(l + "norm1", c);
                w.linear(l + "attn.qkv", 3 * c, c);
                w.linear(l + "attn.proj", c, c);
                w.norm(l + "norm2", c);
                w.put(l + "ls1", c, 0.5);
                w.put(l + "ls2", c, 0.5);
            }
            w.linear(l + "mlp.fc1", f, c);
            w.linear(l + "mlp.fc2", c, f);
        }
        String m = spec.projectorPrefix();
        w.norm(m + "0", 4 * c);
        w.linear(m + "1", spec.projectorSize(), 4 * c);
        w.linear(m + "3", spec.projectorSize(), spec.projectorSize());
        return w.tensors;
    }

    static Map<String, float[]> decoder(DecoderSpec spec, long seed) {
        SyntheticWeights w = new SyntheticWeights(seed);
        String p = spec.prefix();
        int d = spec.hiddenSize();
        int f = spec.intermediateSize();
        int q = spec.heads() * spec.headDim();
        int kv = spec.kvHeads() * spec.headDim();
        w.put(spec.embeddingName(), (long) spec.vocabSize() * d, 1.0);
        w.rmsNorm(p + "norm.weight", d);
        boolean intern = spec.family() == DecoderSpec.Family.INTERNLM2;
        for (int i = 0; i < spec.layers(); i++) {
            String l = p + "layers." + i + ".";
            if (intern) {
                w.rmsNorm(l + "attention_norm.weight", d);
                w.put(l + "attention.wqkv.weight", (long) (q + 2 * kv) * d, 1.0 / Math.sqrt(d));
                w.put(l + "attention.wo.weight", (long) d * q, 1.0 / Math.sqrt(q));
                w.rmsNorm(l + "ffn_norm.weight", d);
                w.put(l + "feed_forward.w1.weight", (long) f * d, 1.0 / Math.sqrt(d));
                w.put(l + "feed_forward.w3.weight", (long) f * d, 1.0 / Math.sqrt(d));
                w.put(l + "feed_forward.w2.weight", (long) d * f, 1.0 / Math.sqrt(f));
                continue;
            }
            w.rmsNorm(l + "input_layernorm.weight", d);
            w.put(l + "self_attn.q_proj.weight", (long) q * d, 1.0 / Math.sqrt(d));
            w.put(l + "self_attn.k_proj.weight", (long) kv * d, 1.0 / Math.sqrt(d));
            w.put(l + "self_attn.v_proj.weight", (long) kv * d, 1.0 / Math.sqrt(d));
            if (spec.attentionBias()) {
                w.put(l + "self_attn.q_proj.bias", q, 0.2);
                w.put(l + "self_attn.k_proj.bias", kv, 0.2);
                w.put(l + "self_attn.v_proj.bias", kv, 0.2);
            }
            w.put(l + "self_attn.o_proj.weight", (long) d * q, 1.0 / Math.sqrt(q));
            if (spec.qkNorm()) {
                w.rmsNorm(l + "self_attn.q_norm.weight", spec.headDim());
                w.rmsNorm(l + "self_attn.k_norm.weight", spec.headDim());
            }
            w.rmsNorm(l + "post_attention_layernorm.weight", d);
            w.put(l + "mlp.gate_proj.weight", (long) f * d, 1.0 / Math.sqrt(d));
            w.put(l + "mlp.up_proj.weight", (long) f * d, 1.0 / Math.sqrt(d));
            w.put(l + "mlp.down_proj.weight", (long) d * f, 1.0 / Math.sqrt(f));
        }
        return w.tensors;
    }

    private void put(String name, long size, double scale) {
        float[] values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble(-1.0, 1.0) * scale * Math.sqrt(3.0));
        }
        tensors.put(name, values);
    }

    private void linear(String name, int out, int in) {
        put(name + ".weight", (long) out * in, 1.0 / Math.sqrt(in));
        put(name + ".bias", out, 0.1);
    }

    private void norm(String name, int size) {
        rmsNorm(name + ".weight", size);
        put(name + ".bias", size, 0.1);
    }

    private void rmsNorm(String name, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (1.0 + random.nextDouble(-0.2, 0.2));
        }
        tensors.put(name, values);
    }
}
