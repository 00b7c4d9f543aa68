package io.magicvl.converter.graph;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.Attributes;
import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.GraphBuilder;
import io.magicvl.core.onnx.TensorData;
import java.util.Arrays;

/**
 * A decoder-only language model with a KV cache, in onnxruntime-genai's input/output convention,
 * built from standard ONNX ops so that it runs exactly the same on every ONNX Runtime provider.
 *
 * <p>Attention is grouped-query with repeat-interleave head mapping (KV head j serves query heads
 * j*g .. j*g+g-1): queries are viewed as [B, kv_heads, g, S, head_dim] and broadcast against the
 * keys, so keys and values are never copied. RoPE is rotate-half, with angles
 * {@code position_ids * inv_freq} computed in float32 inside the graph. The causal mask is
 * bottom-right aligned: query i (absolute position past + i) attends to keys 0 .. past + i that
 * {@code attention_mask} marks as real. Subclasses name the tensors of one model family.
 */
abstract class DecoderGraph {
    protected final Ops ops;
    protected final GraphBuilder g;
    protected final DecoderSpec spec;

    DecoderGraph(Ops ops, DecoderSpec spec) {
        this.ops = ops;
        this.g = ops == null ? null : ops.graph();
        this.spec = spec;
    }

    /** Returns the embedding table tensor name. */
    abstract String embeddingName();

    /** Returns the final RMSNorm weight name. */
    abstract String finalNormName();

    /** Returns the names of one layer's tensors. */
    abstract LayerNames layerNames(int layer);

    /**
     * Returns the q [B,S,H*hd], k and v [B,S,Hkv*hd] projections of {@code h}. The default uses
     * separate projections with optional biases.
     */
    String[] projectQkv(String path, LayerNames names, String h) {
        expectShape(names.q(), (long) spec.heads() * spec.headDim(), spec.hidden());
        expectShape(names.k(), (long) spec.kvHeads() * spec.headDim(), spec.hidden());
        expectShape(names.v(), (long) spec.kvHeads() * spec.headDim(), spec.hidden());
        String q = ops.linear(path + "/q_proj", h, names.q(), spec.qkvBias() ? biasOf(names.q()) : null);
        String k = ops.linear(path + "/k_proj", h, names.k(), spec.qkvBias() ? biasOf(names.k()) : null);
        String v = ops.linear(path + "/v_proj", h, names.v(), spec.qkvBias() ? biasOf(names.v()) : null);
        return new String[] {q, k, v};
    }

    /** Adds the whole decoder graph. */
    final void build() {
        String embeds = g.input(GraphNames.INPUTS_EMBEDS, ElementType.FLOAT, "batch", "sequence", spec.hidden());
        String mask = g.input(GraphNames.ATTENTION_MASK, ElementType.INT64, "batch", "total_sequence");
        String positions = g.input(GraphNames.POSITION_IDS, ElementType.INT64, "batch", "sequence");
        for (int i = 0; i < spec.layers(); i++) {
            g.input(GraphNames.pastKey(i), ElementType.FLOAT, "batch", spec.kvHeads(), "past_sequence", spec.headDim());
            g.input(GraphNames.pastValue(i), ElementType.FLOAT, "batch", spec.kvHeads(), "past_sequence",
                    spec.headDim());
        }
        String[] rope = rotaryTables(positions);
        String bias = attentionBias(embeds, mask);
        String x = embeds;
        for (int i = 0; i < spec.layers(); i++) {
            x = layer(i, x, rope, bias);
        }
        String normed = ops.rmsNorm("/decoder/norm", x, finalNormName(), spec.rmsNormEps());
        lmHead(normed);
        g.output(GraphNames.LOGITS, ElementType.FLOAT, "batch", "sequence", spec.vocab());
        for (int i = 0; i < spec.layers(); i++) {
            g.output(GraphNames.presentKey(i), ElementType.FLOAT, "batch", spec.kvHeads(), "total_sequence",
                    spec.headDim());
            g.output(GraphNames.presentValue(i), ElementType.FLOAT, "batch", spec.kvHeads(), "total_sequence",
                    spec.headDim());
        }
    }

    private void lmHead(String normed) {
        String path = "/decoder/lm_head";
        String source = spec.tied() ? embeddingName() : spec.lmHead();
        expectShape(source, spec.vocab(), spec.hidden());
        TensorData data = WeightData.transposed(WeightData.rows(ops.weights(), source, spec.hidden()), spec.vocab(), spec.hidden(),
                ops.matrixType());
        String logits = ops.linear(path, normed, spec.lmHead(), data, spec.hidden(), spec.vocab(), null);
        g.node(path + "/Identity", "Identity").in(logits).out(GraphNames.LOGITS);
    }

    private String layer(int index, String x, String[] rope, String bias) {
        LayerNames names = layerNames(index);
        String path = "/decoder/layers." + index;
        int heads = spec.heads();
        int kvHeads = spec.kvHeads();
        int hd = spec.headDim();

        expectShape(names.o(), spec.hidden(), (long) heads * hd);
        expectShape(names.gate(), spec.intermediate(), spec.hidden());
        expectShape(names.up(), spec.intermediate(), spec.hidden());
        expectShape(names.down(), spec.hidden(), spec.intermediate());
        String h = ops.rmsNorm(path + "/input_layernorm", x, names.inputNorm(), spec.rmsNormEps());
        String attnPath = path + "/attn";
        String[] qkv = projectQkv(attnPath, names, h);
        String q = ops.reshape(attnPath + "/q", qkv[0], 0, 0, heads, hd);
        String k = ops.reshape(attnPath + "/k", qkv[1], 0, 0, kvHeads, hd);
        String v = ops.reshape(attnPath + "/v", qkv[2], 0, 0, kvHeads, hd);
        if (spec.qkNorm()) {
            q = ops.rmsNorm(attnPath + "/q_norm", q, names.qNorm(), spec.rmsNormEps());
            k = ops.rmsNorm(attnPath + "/k_norm", k, names.kNorm(), spec.rmsNormEps());
        }
        q = rotate(attnPath + "/q_rope", ops.transpose(attnPath + "/q", q, 0, 2, 1, 3), rope);
        k = rotate(attnPath + "/k_rope", ops.transpose(attnPath + "/k", k, 0, 2, 1, 3), rope);
        v = ops.transpose(attnPath + "/v", v, 0, 2, 1, 3);
        String presentKey = g.node(attnPath + "/present_key/Concat", "Concat").in(GraphNames.pastKey(index), k)
                .attr(Attributes.of("axis", 2L)).out(GraphNames.presentKey(index));
        String presentValue = g.node(attnPath + "/present_value/Concat", "Concat").in(GraphNames.pastValue(index), v)
                .attr(Attributes.of("axis", 2L)).out(GraphNames.presentValue(index));

        String grouped = ops.reshape(attnPath + "/q_grouped", q, 0, kvHeads, heads / kvHeads, -1, hd);
        String keysT = ops.transpose(attnPath + "/keys", presentKey, 0, 1, 3, 2);
        String keys = ops.op(attnPath + "/keys", "Unsqueeze", keysT, g.constantLongs(2));
        String values = ops.op(attnPath + "/values", "Unsqueeze", presentValue, g.constantLongs(2));
        String scores = g.node(attnPath + "/scores/MatMul", "MatMul").in(grouped, keys).out();
        String scaled = ops.op(attnPath + "/scores", "Mul", scores, g.constantScalar((float) (1.0 / Math.sqrt(hd))));
        String masked = ops.op(attnPath + "/scores", "Add", scaled, bias);
        String probs = ops.softmax(attnPath, masked);
        String context = g.node(attnPath + "/context/MatMul", "MatMul").in(probs, values).out();
        String heads4 = ops.reshape(attnPath + "/context", context, 0, heads, -1, hd);
        String merged = ops.transpose(attnPath + "/context", heads4, 0, 2, 1, 3);
        String flat = g.node(attnPath + "/context/Reshape_1", "Reshape").in(merged, g.constantLongs(0, 0, (long) heads * hd))
                .out();
        String attn = ops.linear(attnPath + "/o_proj", flat, names.o(), null);
        String residual = ops.op(attnPath, "Add", x, attn);

        String h2 = ops.rmsNorm(path + "/post_attention_layernorm", residual, names.postNorm(), spec.rmsNormEps());
        String mlpPath = path + "/mlp";
        String gate = ops.linear(mlpPath + "/gate_proj", h2, names.gate(), null);
        String up = ops.linear(mlpPath + "/up_proj", h2, names.up(), null);
        String silu = ops.op(mlpPath + "/act", "Mul", gate, ops.op(mlpPath + "/act", "Sigmoid", gate));
        String product = ops.op(mlpPath, "Mul", silu, up);
        String down = ops.linear(mlpPath + "/down_proj", product, names.down(), null);
        return ops.op(mlpPath, "Add", residual, down);
    }

    /** Returns cos and sin tables [B, 1, S, head_dim] for {@code position_ids}, in float32. */
    private String[] rotaryTables(String positions) {
        String path = "/decoder/rope";
        int half = spec.headDim() / 2;
        float[] invFreq = new float[half];
        for (int k = 0; k < half; k++) {
            // float32 as in the reference: theta ** (2k / d) then 1 / that, each rounded to float.
            float exponent = (float) (2 * k) / (float) spec.headDim();
            float power = (float) Math.pow(spec.ropeTheta(), exponent);
            invFreq[k] = 1.0f / power;
        }
        String inv = g.initializer(path + "/inv_freq", ElementType.FLOAT, new long[] {half}, TensorData.ofFloats(invFreq));
        String pos = g.node(path + "/Cast", "Cast").in(positions).attr(Attributes.of("to", (long) ElementType.FLOAT.code()))
                .out();
        String column = ops.op(path, "Unsqueeze", pos, g.constantLongs(-1));
        String angles = ops.op(path, "Mul", column, inv);
        String full = g.node(path + "/Concat", "Concat").in(angles, angles).attr(Attributes.of("axis", -1L)).out();
        String cos = ops.op(path, "Unsqueeze", ops.op(path, "Cos", full), g.constantLongs(1));
        String sin = g.node(path + "/Unsqueeze_1", "Unsqueeze").in(ops.op(path, "Sin", full), g.constantLongs(1)).out();
        return new String[] {cos, sin};
    }

    /** Returns {@code x * cos + rotate_half(x) * sin} for x [B, heads, S, head_dim]. */
    private String rotate(String path, String x, String[] rope) {
        long half = spec.headDim() / 2;
        String[] halves = g.node(path + "/Split", "Split").in(x, g.constantLongs(half, half))
                .attr(Attributes.of("axis", -1L)).outs(2);
        String negated = ops.op(path, "Neg", halves[1]);
        String rotated = g.node(path + "/Concat", "Concat").in(negated, halves[0]).attr(Attributes.of("axis", -1L)).out();
        String a = ops.op(path, "Mul", x, rope[0]);
        String b = g.node(path + "/Mul_1", "Mul").in(rotated, rope[1]).out();
        return ops.op(path, "Add", a, b);
    }

    /**
     * Returns the additive attention bias [B, 1, 1, S, T]: 0 where query i may see key j
     * (j <= past + i and attention_mask[j] = 1), else -Float.MAX_VALUE.
     */
    private String attentionBias(String embeds, String mask) {
        String path = "/decoder/attention_bias";
        String total = g.node(path + "/Shape", "Shape").in(mask).attr(Attributes.of("start", 1L), Attributes.of("end", 2L))
                .out();
        String sequence = g.node(path + "/Shape_1", "Shape").in(embeds)
                .attr(Attributes.of("start", 1L), Attributes.of("end", 2L)).out();
        String totalScalar = ops.op(path, "Squeeze", total);
        String past = ops.op(path, "Sub", totalScalar, g.node(path + "/Squeeze_1", "Squeeze").in(sequence).out());
        String one = g.constantScalar(1L);
        String keyIndex = g.node(path + "/Range", "Range").in(g.constantScalar(0L), totalScalar, one).out();
        String queryIndex = g.node(path + "/Range_1", "Range").in(past, totalScalar, one).out();
        String queryColumn = ops.op(path, "Unsqueeze", queryIndex, g.constantLongs(-1));
        String causal = ops.op(path, "LessOrEqual", keyIndex, queryColumn);
        String real = g.node(path + "/Cast", "Cast").in(mask).attr(Attributes.of("to", (long) ElementType.BOOL.code())).out();
        String realKeys = g.node(path + "/Unsqueeze_1", "Unsqueeze").in(real, g.constantLongs(1, 2, 3)).out();
        String allowed = ops.op(path, "And", causal, realKeys);
        return ops.op(path, "Where", allowed, g.constantScalar(0f), g.constantScalar(-Float.MAX_VALUE));
    }

    protected void expectShape(String name, long... expected) {
        long[] actual = ops.weights().shape(name);
        if (!Arrays.equals(actual, expected)) {
            throw MagicvlException.invalidInput("Tensor " + name + " has shape " + Arrays.toString(actual)
                    + " but the config implies " + Arrays.toString(expected)
                    + ". The checkpoint's config.json and its weights disagree.");
        }
    }

    private static String biasOf(String weightName) {
        return weightName.substring(0, weightName.length() - "weight".length()) + "bias";
    }

    /** Tensor names of one decoder layer. */
    record LayerNames(String inputNorm, String q, String k, String v, String qNorm, String kNorm, String o,
            String postNorm, String gate, String up, String down) {}
}
