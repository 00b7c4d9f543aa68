package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ReferenceDecoderTest {
    private static final double TOLERANCE = 1e-5;

    static DecoderSpec tiny(DecoderSpec.Family family, boolean bias, int kvHeads) {
        String head = family == DecoderSpec.Family.INTERNLM2 ? "language_model.output.weight"
                : "language_model.lm_head.weight";
        // headDim 12 with hidden 32 and 4 heads: heads · headDim differs from the hidden size.
        return new DecoderSpec(family, 32, 48, 2, 4, kvHeads, 12, 50, 1e-6, 1e6, bias, false, "language_model.model.", head);
    }

    @ParameterizedTest
    @EnumSource(DecoderSpec.Family.class)
    void cachedStepsEqualFullRecompute(DecoderSpec.Family family) {
        DecoderSpec spec = tiny(family, family == DecoderSpec.Family.QWEN2, 2);
        ReferenceDecoder decoder = new ReferenceDecoder(spec, WeightSource.of(SyntheticWeights.decoder(spec, 1)));
        ParityInputs.DecoderInput input = ParityInputs.decoder(decoder, 4, 7, 2);

        float[] prefillLogits = decoder.prefill(input.promptEmbeds());
        float[] step1 = decoder.step(input.stepEmbeds()[0]);
        float[] step2 = decoder.step(input.stepEmbeds()[1]);
        assertEquals(9, decoder.cacheLength());
        float[] cachedKeys = decoder.presentKeys(1);

        decoder.reset();
        assertEquals(0, decoder.cacheLength());
        float[][] all = new float[9][];
        System.arraycopy(input.promptEmbeds(), 0, all, 0, 7);
        all[7] = input.stepEmbeds()[0];
        all[8] = input.stepEmbeds()[1];
        float[][] full = decoder.forward(all);

        assertTrue(ParityStats.compare(full[6], prefillLogits).withinAbs(TOLERANCE));
        assertTrue(ParityStats.compare(full[7], step1).withinAbs(TOLERANCE));
        assertTrue(ParityStats.compare(full[8], step2).withinAbs(TOLERANCE),
                ParityStats.compare(full[8], step2).summary());
        assertTrue(ParityStats.compare(decoder.presentKeys(1), cachedKeys).withinAbs(TOLERANCE));
        assertEquals(2 * 9 * 12, cachedKeys.length);
    }

    @Test
    void laterTokensDoNotChangeEarlierLogits() {
        DecoderSpec spec = tiny(DecoderSpec.Family.QWEN3, false, 2);
        ReferenceDecoder decoder = new ReferenceDecoder(spec, WeightSource.of(SyntheticWeights.decoder(spec, 2)));
        float[][] first = decoder.forward(decoder.embed(new long[] {1, 2, 3, 4}));
        decoder.reset();
        float[][] second = decoder.forward(decoder.embed(new long[] {1, 2, 3, 40}));

        assertArrayEquals(first[2], second[2]);
        assertFalse(java.util.Arrays.equals(first[3], second[3]));
    }

    @Test
    void internLm2UnpacksGroupedWqkv() {
        // Build a Qwen2-style checkpoint, pack its q/k/v per KV group as q..q, k, v and rename
        // the rest to InternLM2 names: both decoders must compute the same logits.
        DecoderSpec qwen = tiny(DecoderSpec.Family.QWEN2, false, 2);
        DecoderSpec intern = tiny(DecoderSpec.Family.INTERNLM2, false, 2);
        Map<String, float[]> q = SyntheticWeights.decoder(qwen, 3);
        Map<String, float[]> i = new HashMap<>();
        String p = "language_model.model.";
        i.put(p + "tok_embeddings.weight", q.get(p + "embed_tokens.weight"));
        i.put(p + "norm.weight", q.get(p + "norm.weight"));
        int d = 32;
        int hd = 12;
        int g = 2;
        for (int l = 0; l < 2; l++) {
            String a = p + "layers." + l + ".";
            float[] wq = q.get(a + "self_attn.q_proj.weight");
            float[] wk = q.get(a + "self_attn.k_proj.weight");
            float[] wv = q.get(a + "self_attn.v_proj.weight");
            float[] packed = new float[(4 + 2 * 2) * hd * d];
            int row = 0;
            for (int kvHead = 0; kvHead < 2; kvHead++) {
                for (int s = 0; s < g; s++) {
                    row = copyHead(wq, kvHead * g + s, packed, row, hd * d);
                }
                row = copyHead(wk, kvHead, packed, row, hd * d);
                row = copyHead(wv, kvHead, packed, row, hd * d);
            }
            i.put(a + "attention.wqkv.weight", packed);
            i.put(a + "attention_norm.weight", q.get(a + "input_layernorm.weight"));
            i.put(a + "attention.wo.weight", q.get(a + "self_attn.o_proj.weight"));
            i.put(a + "ffn_norm.weight", q.get(a + "post_attention_layernorm.weight"));
            i.put(a + "feed_forward.w1.weight", q.get(a + "mlp.gate_proj.weight"));
            i.put(a + "feed_forward.w3.weight", q.get(a + "mlp.up_proj.weight"));
            i.put(a + "feed_forward.w2.weight", q.get(a + "mlp.down_proj.weight"));
        }
        i.put("language_model.output.weight", q.get(p + "embed_tokens.weight"));

        long[] ids = {5, 9, 13, 2, 44};
        ReferenceDecoder reference = new ReferenceDecoder(qwen, WeightSource.of(q));
        ReferenceDecoder internLm = new ReferenceDecoder(intern, WeightSource.of(i));
        float[][] expected = reference.forward(reference.embed(ids));
        float[][] actual = internLm.forward(internLm.embed(ids));

        assertTrue(reference.tiedEmbeddings());
        assertFalse(internLm.tiedEmbeddings());
        for (int s = 0; s < ids.length; s++) {
            assertArrayEquals(expected[s], actual[s], "position " + s);
        }
    }

    @Test
    void gqaRepeatsKvHeadsInterleaved() {
        // Expanding k/v so that KV head j is copied to heads 2j and 2j+1 must not change the output.
        DecoderSpec grouped = tiny(DecoderSpec.Family.QWEN3, false, 2);
        DecoderSpec expanded = tiny(DecoderSpec.Family.QWEN3, false, 4);
        Map<String, float[]> weights = SyntheticWeights.decoder(grouped, 4);
        Map<String, float[]> copy = new HashMap<>(weights);
        int rowBlock = 12 * 32;
        for (int l = 0; l < 2; l++) {
            for (String name : new String[] {"k_proj", "v_proj"}) {
                String key = "language_model.model.layers." + l + ".self_attn." + name + ".weight";
                float[] source = weights.get(key);
                float[] repeated = new float[4 * rowBlock];
                int row = 0;
                for (int kvHead = 0; kvHead < 2; kvHead++) {
                    row = copyHead(source, kvHead, repeated, row, rowBlock);
                    row = copyHead(source, kvHead, repeated, row, rowBlock);
                }
                copy.put(key, repeated);
            }
        }
        long[] ids = {3, 1, 4, 1, 5, 9};
        ReferenceDecoder a = new ReferenceDecoder(grouped, WeightSource.of(weights));
        ReferenceDecoder b = new ReferenceDecoder(expanded, WeightSource.of(copy));
        float[][] expected = a.forward(a.embed(ids));
        float[][] actual = b.forward(b.embed(ids));
        for (int s = 0; s < ids.length; s++) {
            assertArrayEquals(expected[s], actual[s], "position " + s);
        }
    }

    @Test
    void explicitHeadEqualToEmbeddingsMatchesTied() {
        DecoderSpec spec = tiny(DecoderSpec.Family.QWEN3, false, 2);
        Map<String, float[]> weights = SyntheticWeights.decoder(spec, 5);
        Map<String, float[]> untied = new HashMap<>(weights);
        untied.put(spec.lmHeadName(), weights.get(spec.embeddingName()).clone());
        long[] ids = {7, 8, 9};
        ReferenceDecoder tied = new ReferenceDecoder(spec, WeightSource.of(weights));
        ReferenceDecoder separate = new ReferenceDecoder(spec, WeightSource.of(untied));

        assertTrue(tied.tiedEmbeddings());
        assertArrayEquals(tied.prefill(tied.embed(ids)), separate.prefill(separate.embed(ids)));
    }

    @Test
    void imagePlaceholdersAreReplacedInOrder() {
        DecoderSpec spec = tiny(DecoderSpec.Family.QWEN3, false, 2);
        ReferenceDecoder decoder = new ReferenceDecoder(spec, WeightSource.of(SyntheticWeights.decoder(spec, 6)));
        float[][] image = ReferenceVisionTest.randomRows(2, 32, 1);
        float[][] embeds = decoder.embed(new long[] {1, 49, 49, 2}, 49, image);

        assertArrayEquals(image[0], embeds[1]);
        assertArrayEquals(image[1], embeds[2]);
        assertArrayEquals(decoder.embed(new long[] {2})[0], embeds[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decoder.embed(new long[] {1, 49, 2}, 49, image));
        assertTrue(e.getMessage().contains("1 image placeholders"), e.getMessage());
    }

    @Test
    void greedyStopsAtStopTokenOrLimit() {
        DecoderSpec spec = tiny(DecoderSpec.Family.QWEN3, false, 2);
        ReferenceDecoder decoder = new ReferenceDecoder(spec, WeightSource.of(SyntheticWeights.decoder(spec, 7)));
        float[][] prompt = decoder.embed(new long[] {1, 2, 3});
        long[] free = decoder.generateGreedy(prompt, 5, id -> false);
        assertEquals(5, free.length);
        assertEquals(3 + 5 - 1, decoder.cacheLength(), "the last generated token is not fed back");

        long[] stopped = decoder.generateGreedy(prompt, 5, id -> id == free[2]);
        int firstStop = 0;
        while (free[firstStop] != free[2]) {
            firstStop++;
        }
        assertArrayEquals(java.util.Arrays.copyOf(free, firstStop), stopped);
    }

    @Test
    void outOfVocabularyIdIsRejected() {
        DecoderSpec spec = tiny(DecoderSpec.Family.QWEN3, false, 2);
        ReferenceDecoder decoder = new ReferenceDecoder(spec, WeightSource.of(SyntheticWeights.decoder(spec, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decoder.embed(new long[] {0, 50}));
        assertTrue(e.getMessage().contains("50"), e.getMessage());
    }

    private static int copyHead(float[] source, int head, float[] target, int row, int block) {
        System.arraycopy(source, head * block, target, row, block);
        return row + block;
    }
}
