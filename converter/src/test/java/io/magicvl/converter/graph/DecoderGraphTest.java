package io.magicvl.converter.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import io.magicvl.converter.parity.OrtGraphs;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.ElementType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderGraphTest {
    @TempDir
    Path dir;

    /**
     * Prefill of the whole prompt must give the same last logits as a shorter prefill followed by
     * cached single-token steps: this exercises RoPE positions, the causal mask and the cache.
     */
    private void checkCacheConsistency(DecoderFamily family, DecoderSpec spec, MemoryWeights weights) throws Exception {
        Path decoder = ComponentGraphs.writeDecoder(dir.resolve("decoder.onnx"), weights, family, spec,
                ElementType.FLOAT, Map.of()).model();
        Path embed = ComponentGraphs.writeEmbedding(dir.resolve("embed.onnx"), weights, family, spec,
                ElementType.FLOAT, Map.of()).model();
        long[] ids = {3, 17, 5, 9, 30, 2, 11};
        try (OrtSession d = OrtGraphs.open(decoder); OrtSession e = OrtGraphs.open(embed)) {
            float[] embeds = OrtGraphs.embed(e, ids);
            assertEquals(ids.length * spec.hidden(), embeds.length);
            float[] row = new float[spec.hidden()];
            weights.read(family.embeddingName(spec), ids[2] * spec.hidden(), row, 0, spec.hidden());
            assertEquals(Arrays.toString(row),
                    Arrays.toString(Arrays.copyOfRange(embeds, 2 * spec.hidden(), 3 * spec.hidden())));

            OrtGraphs.Cache full = new OrtGraphs.Cache(spec.layers(), spec.kvHeads(), spec.headDim());
            float[] all = OrtGraphs.decode(d, embeds, spec.hidden(), full);
            assertEquals(ids.length * spec.vocab(), all.length);

            OrtGraphs.Cache cache = new OrtGraphs.Cache(spec.layers(), spec.kvHeads(), spec.headDim());
            int prefix = ids.length - 2;
            OrtGraphs.decode(d, Arrays.copyOf(embeds, prefix * spec.hidden()), spec.hidden(), cache);
            float[] step1 = OrtGraphs.decode(d, Arrays.copyOfRange(embeds, prefix * spec.hidden(),
                    (prefix + 1) * spec.hidden()), spec.hidden(), cache);
            float[] step2 = OrtGraphs.decode(d, Arrays.copyOfRange(embeds, (prefix + 1) * spec.hidden(),
                    ids.length * spec.hidden()), spec.hidden(), cache);
            assertEquals(ids.length, cache.length());
            for (int v = 0; v < spec.vocab(); v++) {
                assertEquals(all[prefix * spec.vocab() + v], step1[v], 1e-5, "step 1 logit " + v);
                assertEquals(all[(prefix + 1) * spec.vocab() + v], step2[v], 1e-5, "step 2 logit " + v);
            }
        }
    }

    @Test
    void qwen3CacheMatchesPrefill() throws Exception {
        checkCacheConsistency(DecoderFamily.QWEN, TinyModels.qwen3Spec(), TinyModels.qwen(TinyModels.qwen3Spec(), 1));
    }

    @Test
    void qwen25CacheMatchesPrefill() throws Exception {
        checkCacheConsistency(DecoderFamily.QWEN, TinyModels.qwen25Spec(), TinyModels.qwen(TinyModels.qwen25Spec(), 2));
    }

    @Test
    void internLm2CacheMatchesPrefill() throws Exception {
        checkCacheConsistency(DecoderFamily.INTERNLM2, TinyModels.internLm2Spec(),
                TinyModels.internLm2(TinyModels.internLm2Spec(), 3));
    }

    @Test
    void missingTensorIsReported() {
        DecoderSpec spec = TinyModels.qwen3Spec();
        DecoderSpec untied = new DecoderSpec(spec.prefix(), spec.lmHead(), false, spec.hidden(), spec.layers(),
                spec.heads(), spec.kvHeads(), spec.headDim(), spec.intermediate(), spec.vocab(), spec.rmsNormEps(),
                spec.ropeTheta(), spec.qkvBias(), spec.qkNorm());

        MagicvlException error = assertThrows(MagicvlException.class, () -> ComponentGraphs.writeDecoder(
                dir.resolve("d.onnx"), TinyModels.qwen(spec, 1), DecoderFamily.QWEN, untied, ElementType.FLOAT, Map.of()));

        assertTrue(error.getMessage().contains("language_model.lm_head.weight"), error.getMessage());
    }

    @Test
    void headCountMismatchIsReported() {
        DecoderSpec spec = TinyModels.qwen3Spec();
        DecoderSpec wrong = new DecoderSpec(spec.prefix(), spec.lmHead(), true, spec.hidden(), spec.layers(),
                8, spec.kvHeads(), spec.headDim(), spec.intermediate(), spec.vocab(), spec.rmsNormEps(),
                spec.ropeTheta(), spec.qkvBias(), spec.qkNorm());

        MagicvlException error = assertThrows(MagicvlException.class, () -> ComponentGraphs.writeDecoder(
                dir.resolve("d.onnx"), TinyModels.qwen(spec, 1), DecoderFamily.QWEN, wrong, ElementType.FLOAT, Map.of()));

        assertTrue(error.getMessage().contains("layers.0.self_attn.o_proj.weight has shape [32, 64]"), error.getMessage());
        assertTrue(error.getMessage().contains("[32, 128]"), error.getMessage());
    }
}
