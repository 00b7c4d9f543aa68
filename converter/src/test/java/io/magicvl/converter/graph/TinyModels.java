package io.magicvl.converter.graph;

/** Tiny random models of each family, for graph tests. */
final class TinyModels {
    private TinyModels() {}

    static VisionSpec siglipSpec() {
        return new VisionSpec("vision_model.", "mlp1.", 32, 2, 4, 128, 64, 16, 1e-6, 24);
    }

    static VisionSpec internVitSpec() {
        return new VisionSpec("vision_model.", "mlp1.", 32, 2, 4, 128, 56, 14, 1e-6, 24);
    }

    static MemoryWeights siglip(long seed) {
        VisionSpec s = siglipSpec();
        MemoryWeights w = new MemoryWeights(seed);
        String p = s.prefix();
        int d = s.hidden();
        w.add(p + "embeddings.patch_embedding.weight", 0.05, d, 3, s.patchSize(), s.patchSize());
        w.add(p + "embeddings.patch_embedding.bias", 0.1, d);
        w.add(p + "embeddings.position_embedding.weight", 0.5, s.patches(), d);
        for (int i = 0; i < s.layers(); i++) {
            String l = p + "encoder.layers." + i + ".";
            for (String n : new String[] {"layer_norm1", "layer_norm2"}) {
                w.addNearOne(l + n + ".weight", d).add(l + n + ".bias", 0.1, d);
            }
            for (String n : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                w.add(l + "self_attn." + n + ".weight", 0.2, d, d).add(l + "self_attn." + n + ".bias", 0.1, d);
            }
            w.add(l + "mlp.fc1.weight", 0.2, (long) s.intermediate(), d).add(l + "mlp.fc1.bias", 0.1, (long) s.intermediate());
            w.add(l + "mlp.fc2.weight", 0.1, d, (long) s.intermediate()).add(l + "mlp.fc2.bias", 0.1, d);
        }
        w.addNearOne(p + "post_layernorm.weight", d).add(p + "post_layernorm.bias", 0.1, d);
        addProjector(w, s);
        return w;
    }

    static MemoryWeights internVit(long seed) {
        VisionSpec s = internVitSpec();
        MemoryWeights w = new MemoryWeights(seed);
        String p = s.prefix();
        int d = s.hidden();
        w.add(p + "embeddings.patch_embedding.weight", 0.05, d, 3, s.patchSize(), s.patchSize());
        w.add(p + "embeddings.patch_embedding.bias", 0.1, d);
        w.add(p + "embeddings.class_embedding", 0.5, 1, 1, d);
        w.add(p + "embeddings.position_embedding", 0.5, 1, s.patches() + 1, d);
        for (int i = 0; i < s.layers(); i++) {
            String l = p + "encoder.layers." + i + ".";
            for (String n : new String[] {"norm1", "norm2"}) {
                w.addNearOne(l + n + ".weight", d).add(l + n + ".bias", 0.1, d);
            }
            w.add(l + "attn.qkv.weight", 0.2, 3L * d, d).add(l + "attn.qkv.bias", 0.1, 3L * d);
            w.add(l + "attn.proj.weight", 0.2, d, d).add(l + "attn.proj.bias", 0.1, d);
            w.add(l + "mlp.fc1.weight", 0.2, (long) s.intermediate(), d).add(l + "mlp.fc1.bias", 0.1, (long) s.intermediate());
            w.add(l + "mlp.fc2.weight", 0.1, d, (long) s.intermediate()).add(l + "mlp.fc2.bias", 0.1, d);
            w.addNearOne(l + "ls1", d).addNearOne(l + "ls2", d);
        }
        addProjector(w, s);
        return w;
    }

    private static void addProjector(MemoryWeights w, VisionSpec s) {
        long in = 4L * s.hidden();
        w.addNearOne("mlp1.0.weight", in).add("mlp1.0.bias", 0.1, in);
        w.add("mlp1.1.weight", 0.1, s.outputHidden(), in).add("mlp1.1.bias", 0.1, s.outputHidden());
        w.add("mlp1.3.weight", 0.2, s.outputHidden(), s.outputHidden()).add("mlp1.3.bias", 0.1, s.outputHidden());
    }

    static DecoderSpec qwen3Spec() {
        return new DecoderSpec("language_model.model.", "language_model.lm_head.weight", true, 32, 2, 4, 2, 16, 48, 50,
                1e-6, 1e6, false, true);
    }

    static DecoderSpec qwen25Spec() {
        return new DecoderSpec("language_model.model.", "language_model.lm_head.weight", false, 36, 2, 6, 2, 6, 40, 40,
                1e-6, 1e4, true, false);
    }

    static DecoderSpec internLm2Spec() {
        return new DecoderSpec("language_model.model.", "language_model.output.weight", false, 32, 2, 4, 2, 8, 40, 45,
                1e-5, 1e6, false, false);
    }

    static MemoryWeights qwen(DecoderSpec s, long seed) {
        MemoryWeights w = new MemoryWeights(seed);
        String p = s.prefix();
        long d = s.hidden();
        long q = (long) s.heads() * s.headDim();
        long kv = (long) s.kvHeads() * s.headDim();
        w.add(p + "embed_tokens.weight", 0.5, s.vocab(), d);
        for (int i = 0; i < s.layers(); i++) {
            String l = p + "layers." + i + ".";
            w.addNearOne(l + "input_layernorm.weight", d).addNearOne(l + "post_attention_layernorm.weight", d);
            w.add(l + "self_attn.q_proj.weight", 0.2, q, d).add(l + "self_attn.k_proj.weight", 0.2, kv, d);
            w.add(l + "self_attn.v_proj.weight", 0.2, kv, d).add(l + "self_attn.o_proj.weight", 0.2, d, q);
            if (s.qkvBias()) {
                w.add(l + "self_attn.q_proj.bias", 0.3, q).add(l + "self_attn.k_proj.bias", 0.3, kv);
                w.add(l + "self_attn.v_proj.bias", 0.3, kv);
            }
            if (s.qkNorm()) {
                w.addNearOne(l + "self_attn.q_norm.weight", s.headDim()).addNearOne(l + "self_attn.k_norm.weight", s.headDim());
            }
            w.add(l + "mlp.gate_proj.weight", 0.2, s.intermediate(), d).add(l + "mlp.up_proj.weight", 0.2, s.intermediate(), d);
            w.add(l + "mlp.down_proj.weight", 0.2, d, s.intermediate());
        }
        w.addNearOne(p + "norm.weight", d);
        if (!s.tied()) {
            w.add(s.lmHead(), 0.3, s.vocab(), d);
        }
        return w;
    }

    static MemoryWeights internLm2(DecoderSpec s, long seed) {
        MemoryWeights w = new MemoryWeights(seed);
        String p = s.prefix();
        long d = s.hidden();
        w.add(p + "tok_embeddings.weight", 0.5, s.vocab(), d);
        for (int i = 0; i < s.layers(); i++) {
            String l = p + "layers." + i + ".";
            w.addNearOne(l + "attention_norm.weight", d).addNearOne(l + "ffn_norm.weight", d);
            w.add(l + "attention.wqkv.weight", 0.2, (long) (s.heads() + 2 * s.kvHeads()) * s.headDim(), d);
            w.add(l + "attention.wo.weight", 0.2, d, (long) s.heads() * s.headDim());
            w.add(l + "feed_forward.w1.weight", 0.2, s.intermediate(), d).add(l + "feed_forward.w3.weight", 0.2, s.intermediate(), d);
            w.add(l + "feed_forward.w2.weight", 0.2, d, s.intermediate());
        }
        w.addNearOne(p + "norm.weight", d);
        w.add(s.lmHead(), 0.3, s.vocab(), d);
        return w;
    }
}
